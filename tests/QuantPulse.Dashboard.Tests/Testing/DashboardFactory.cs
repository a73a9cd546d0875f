using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>
/// The dashboard in-process on its own SQLite file, with the network feeds off: only the simulated market (or a CSV
/// replay) runs, so tests never depend on the internet.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("qp-dashboard-").FullName;

    /// <summary>Extra configuration, applied after the test defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The SQLite file the host writes.</summary>
    public string DatabasePath => Path.Combine(_directory, "dashboard.db");

    /// <summary>A scratch directory removed with the factory.</summary>
    public string ScratchDirectory => _directory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["QuantPulse:Sources:Deriv:Enabled"] = "false",
            ["QuantPulse:Sources:Binance:Enabled"] = "false",
            ["QuantPulse:Storage:Path"] = DatabasePath,
            ["QuantPulse:Pipeline:LogCandles"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                System.IO.Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finalising connection; the temp directory is cleaned by the OS.
            }
        }
    }
}
