using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>The data-annotation checks of <see cref="QuantPulseOptions"/>, generated at compile time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class QuantPulseOptionsAnnotationsValidator : IValidateOptions<QuantPulseOptions>
{
}
