namespace QuantPulse.Hosting;

/// <summary>Reports what the code options reject under the configuration key it came from.</summary>
internal static class HostOptionChecks
{
    /// <summary>Builds code options from host options; an <see cref="ArgumentException"/> becomes one line naming the key.</summary>
    /// <param name="failures">Receives the failure.</param>
    /// <param name="section">The configuration section, such as <c>QuantPulse:Sources:Deriv</c>.</param>
    /// <param name="build">Builds the code options, whose constructors and setters check their ranges.</param>
    public static void Check(List<string> failures, string section, Func<object> build)
    {
        try
        {
            build();
        }
        catch (ArgumentException ex)
        {
            var name = ex.ParamName is { Length: > 0 } p ? ":" + p : string.Empty;
            failures.Add($"{section}{name}: {FirstLine(ex.Message)}");
        }
    }

    /// <summary>Validates code options built from host options: success, or the one-line failure.</summary>
    public static Microsoft.Extensions.Options.ValidateOptionsResult Result(string section, Func<object> build)
    {
        var failures = new List<string>();
        Check(failures, section, build);
        return failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
