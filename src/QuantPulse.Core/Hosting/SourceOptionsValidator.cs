using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>
/// The validator every built-in source registers: nothing while the source is off, otherwise the failures its checks
/// add (one line each, naming the key under <paramref name="section"/>).
/// </summary>
/// <typeparam name="TOptions">The source's host options.</typeparam>
/// <param name="section">The source's configuration section, such as <c>QuantPulse:Sources:Deriv</c>.</param>
/// <param name="enabled">Whether the source runs (its checks are skipped when it does not).</param>
/// <param name="check">Adds one failure per invalid value, given the options and the section.</param>
internal sealed class SourceOptionsValidator<TOptions>(string section, Func<TOptions, bool> enabled, Action<TOptions, string, List<string>> check)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (!enabled(options))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        check(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
