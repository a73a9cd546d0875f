using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Files;

/// <summary>Checks on a command's input and output paths before it starts reading.</summary>
internal static class InputFile
{
    /// <summary>Checks that the input is an existing file and that the output does not overwrite it.</summary>
    /// <exception cref="UsageException">A path is empty, or the output names the input.</exception>
    /// <exception cref="FileNotFoundException">The input does not exist or is a directory.</exception>
    public static void Check(string inputOption, string input, string outputOption, string output)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new UsageException($"{inputOption}: the path is empty");
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            throw new UsageException($"{outputOption}: the path is empty");
        }

        if (output != OutputTarget.StandardOutput
            && string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new UsageException($"{outputOption}: '{output}' is the input file; write to another file");
        }

        if (Directory.Exists(input))
        {
            throw new FileNotFoundException($"cannot read '{input}': it is a directory, not a file", input);
        }

        if (!File.Exists(input))
        {
            throw new FileNotFoundException($"cannot read '{input}': no such file", input);
        }
    }
}
