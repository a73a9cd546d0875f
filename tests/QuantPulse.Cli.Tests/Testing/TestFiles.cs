using System.Net;
using System.Net.Sockets;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>What tests of long-running commands look at from the outside: files being written, ports nobody serves.</summary>
public static class TestFiles
{
    /// <summary>How many complete lines the file has on disk now, read while another process or thread writes it.</summary>
    public static int LinesOnDisk(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Count(c => c == '\n');
    }

    /// <summary>A loopback port nothing listens on: connections to it are refused.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
