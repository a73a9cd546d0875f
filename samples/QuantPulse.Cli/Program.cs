using System.Runtime.InteropServices;
using System.Text;
using QuantPulse.Cli;
using QuantPulse.Cli.Files;

using var cancellation = new CancellationTokenSource();
var signals = 0;

// The first Ctrl+C (or SIGTERM: docker stop, kill, systemd) stops the command cleanly: partial output is removed, a
// recording is kept. A second one ends the process at once, after removing the files still being written.
Console.CancelKeyPress += (_, e) => e.Cancel = FirstSignal();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = FirstSignal());

// Not Console.Out: it hides a closed pipe (see StandardOutput).
using var writer = new StreamWriter(StandardOutput.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
writer.AutoFlush = true;
using var stdout = TextWriter.Synchronized(writer);
return await CliApp.RunAsync(args, stdout, Console.Error, cancellation.Token);

bool FirstSignal()
{
    var count = Interlocked.Increment(ref signals);
    if (count == 1)
    {
        cancellation.Cancel();
        return true;
    }

    if (count > 2)
    {
        // The second is already ending the process.
        return false;
    }

    var removed = UnfinishedOutputs.Abandon();
    Console.Error.WriteLine(removed > 0 ? "quantpulse: interrupted again: stopped at once; unfinished output removed" : "quantpulse: interrupted again: stopped at once");
    return false;
}
