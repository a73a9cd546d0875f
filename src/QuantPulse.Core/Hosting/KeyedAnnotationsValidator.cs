using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>
/// The data-annotation checks of <see cref="QuantPulseOptions"/>, each failure reported under its configuration key
/// (<c>QuantPulse:Pipeline:BoundedCapacity must be between 1 and 100000.</c>) rather than the generated
/// <c>BoundedCapacity: The field QuantPulseOptions.Pipeline.BoundedCapacity …</c>.
/// </summary>
internal sealed partial class KeyedAnnotationsValidator : IValidateOptions<QuantPulseOptions>
{
    private readonly QuantPulseOptionsAnnotationsValidator _generated = new();

    public ValidateOptionsResult Validate(string? name, QuantPulseOptions options)
    {
        var result = _generated.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures!.Select(ToKey))
            : result;
    }

    internal static string ToKey(string failure)
    {
        var match = GeneratedFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var key = QuantPulseOptions.SectionName + ":" + match.Groups["path"].Value.Replace('.', ':').Replace("[", ":", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        return $"{key} {match.Groups["rest"].Value}";
    }

    // "<Member>: The field QuantPulseOptions.<Path> <rule>", as the options validator generator words it.
    [GeneratedRegex(@"^[^:]*: The field QuantPulseOptions\.(?<path>\S+) (?<rest>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedFailure();
}
