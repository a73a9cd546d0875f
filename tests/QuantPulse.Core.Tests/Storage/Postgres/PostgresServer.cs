using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace QuantPulse.Tests.Storage.Postgres;

/// <summary>
/// A real PostgreSQL server for the tests: by default a throwaway cluster that this fixture creates with
/// <c>initdb</c> in a temporary folder, starts on a free loopback port, can stop and restart, and removes at the
/// end. Set <see cref="ConnectionStringVariable"/> to use an existing server instead.
/// </summary>
/// <remarks>
/// The fixture never skips: when no server can be started, every PostgreSQL test fails with the reason. When the
/// process runs as root, the cluster is created and run as the <c>postgres</c> user (initdb refuses root).
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>
    /// A connection string to an existing server whose user may create databases, for example
    /// <c>Host=127.0.0.1;Port=5432;Username=qp;Password=secret;Database=postgres</c>.
    /// </summary>
    public const string ConnectionStringVariable = "QUANTPULSE_TEST_POSTGRES";

    /// <summary>Where to look for <c>initdb</c> and <c>pg_ctl</c> before the usual places.</summary>
    public const string BinariesVariable = "QUANTPULSE_TEST_POSTGRES_BIN";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly List<string> _databases = [];
    private string? _root;
    private string? _binaries;
    private int _port;
    private bool _runAsPostgres;

    /// <summary>Whether the fixture started the cluster itself (and so can stop and restart it).</summary>
    public bool OwnsCluster => _root is not null;

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    private string DataDirectory => Path.Combine(_root!, "data");

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            await CheckConnectionAsync($"the server named by {ConnectionStringVariable}");
            return;
        }

        _binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL tests need a server, and none could be started: initdb and pg_ctl were not found in " +
            $"${BinariesVariable}, /usr/lib/postgresql/*/bin or on PATH. Install the server (apt-get install postgresql-15) " +
            $"or set {ConnectionStringVariable} to a connection string of a server where the user may create databases.");
        _runAsPostgres = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory("quantpulse-pg-").FullName;
        if (_runAsPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", _root], asPostgres: false);
        }

        await RunAsync(
            Path.Combine(_binaries, "initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", "qp", "-E", "UTF8", "--locale=C", "--no-sync"],
            asPostgres: true);
        _port = FreePort();
        await StartAsync();
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = "qp",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        await CheckConnectionAsync($"the cluster in {_root}");
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "qp_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE {name}");
        lock (_databases)
        {
            _databases.Add(name);
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Stops the cluster the way an operator would (<c>pg_ctl stop -m fast</c>: sessions are cut off).</summary>
    public Task StopAsync() => RunAsync(Path.Combine(OwnedBinaries, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], asPostgres: true);

    /// <summary>Starts the cluster (again) on its port and waits until it accepts connections.</summary>
    public Task StartAsync() => RunAsync(
        Path.Combine(OwnedBinaries, "pg_ctl"),
        [
            "-D", DataDirectory, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {_root} -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
            "start",
        ],
        asPostgres: true);

    /// <summary>
    /// Makes the database unreachable: the fixture's own cluster is stopped (<see cref="StopAsync"/>); on a server
    /// from <see cref="ConnectionStringVariable"/>, the database stops accepting connections and its sessions are
    /// cut off, which clients see the same way.
    /// </summary>
    public async Task InterruptAsync(string connectionString)
    {
        if (OwnsCluster)
        {
            await StopAsync();
            return;
        }

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await AdminAsync($"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
    }

    /// <summary>Ends <see cref="InterruptAsync"/>.</summary>
    public async Task ResumeAsync(string connectionString)
    {
        if (OwnsCluster)
        {
            await StartAsync();
            return;
        }

        await AdminAsync($"ALTER DATABASE {new NpgsqlConnectionStringBuilder(connectionString).Database} ALLOW_CONNECTIONS true");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_root is null)
        {
            // Someone else's server: leave it as it was found.
            foreach (var name in _databases)
            {
                await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }

            return;
        }

        try
        {
            await RunAsync(Path.Combine(OwnedBinaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true);
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test stopped it and failed before restarting it).
        }

        Directory.Delete(_root, recursive: true);
    }

    private string OwnedBinaries => _binaries ?? throw new InvalidOperationException(
        $"The PostgreSQL server comes from {ConnectionStringVariable}; only a cluster the fixture started can be stopped and restarted.");

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task CheckConnectionAsync(string what)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL tests cannot connect to {what}: {ex.Message}{ServerLog()}", ex);
        }
    }

    private string ServerLog()
    {
        var log = _root is null ? null : Path.Combine(_root, "server.log");
        return log is not null && File.Exists(log) ? Environment.NewLine + "server.log:" + Environment.NewLine + File.ReadAllText(log) : string.Empty;
    }

    private async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && _runAsPostgres)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.{ServerLog()}");
        }

        output.Append(await stdout).Append(await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL test server: '{Path.GetFileName(program)} {string.Join(' ', arguments)}' exited with {process.ExitCode}:{Environment.NewLine}{output}{ServerLog()}");
        }
    }
}
