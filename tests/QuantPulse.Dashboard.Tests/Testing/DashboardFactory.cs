using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>
/// The dashboard in-process on its own SQLite file, with the network feeds off: only the simulated market or a CSV
/// replay runs, so tests never depend on the internet.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("qp-dashboard-").FullName;

    /// <summary>Extra configuration, applied after the test defaults; set before the first client is created.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The SQLite file the host writes.</summary>
    public string DatabasePath => Path.Combine(_directory, "dashboard.db");

    /// <summary>A scratch directory removed with the factory.</summary>
    public string ScratchDirectory => _directory;

    /// <summary>Replays a tick file as fast as possible instead of running the simulated market.</summary>
    public DashboardFactory WithReplay(string tickFile)
    {
        Settings["QuantPulse:Sources:Simulated:Enabled"] = "false";
        Settings["QuantPulse:Sources:Csv:Enabled"] = "true";
        Settings["QuantPulse:Sources:Csv:Path"] = tickFile;
        Settings["QuantPulse:Sources:Csv:Pacing"] = "AsFastAsPossible";
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["QuantPulse:Sources:Deriv:Enabled"] = "false",
            ["QuantPulse:Sources:Binance:Enabled"] = "false",
            ["QuantPulse:Sources:Simulated:TickInterval"] = "00:00:00.050",
            // No start-up history: strategies stay warming up, so only the trades a test opens are open.
            ["QuantPulse:Sources:Simulated:History"] = "00:00:00",
            ["QuantPulse:Storage:Path"] = DatabasePath,
            ["QuantPulse:Storage:FlushInterval"] = "00:00:00.100",
            ["QuantPulse:Pipeline:LogCandles"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
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
                // A file still held by a connection being finalised; the temp directory is cleaned by the OS.
            }
        }
    }
}
