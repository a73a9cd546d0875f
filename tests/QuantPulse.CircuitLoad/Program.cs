namespace QuantPulse.CircuitLoad;

/// <summary>The <c>quantpulse-circuits</c> command (see <see cref="LoadCommand"/> and docs/dashboard.md).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => LoadCommand.RunAsync(args);
}
