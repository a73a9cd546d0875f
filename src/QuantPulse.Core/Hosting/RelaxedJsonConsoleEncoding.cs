using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>
/// Lets the JSON console formatter write log text as it is (<c>Ctrl+C</c>, <c>simulated+deriv</c>, quotes) instead
/// of the HTML-safe <c>\u002B</c> escapes; log lines are never embedded in HTML. An encoder set by the host is kept.
/// </summary>
internal sealed class RelaxedJsonConsoleEncoding : IConfigureOptions<JsonConsoleFormatterOptions>
{
    public void Configure(JsonConsoleFormatterOptions options)
    {
        var current = options.JsonWriterOptions;
        if (current.Encoder is null)
        {
            options.JsonWriterOptions = new JsonWriterOptions
            {
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                Indented = current.Indented,
                IndentCharacter = current.IndentCharacter,
                IndentSize = current.IndentSize,
                NewLine = current.NewLine,
                MaxDepth = current.MaxDepth,
                SkipValidation = current.SkipValidation,
            };
        }
    }
}
