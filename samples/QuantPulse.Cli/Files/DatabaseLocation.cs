using System.Data.Common;
using Npgsql;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Storage;

namespace QuantPulse.Cli.Files;

/// <summary>
/// The database a command writes to, from its one-line form: <c>sqlite:PATH</c> (the file and its folder are
/// created when missing) or <c>postgres:CONNECTION-STRING</c> (an existing PostgreSQL database, through Npgsql).
/// </summary>
/// <remarks>
/// <see cref="Description"/> names the database for summaries and errors without its password: a connection string's
/// <c>Password</c> is never printed.
/// </remarks>
internal sealed class DatabaseLocation
{
    private static readonly string[] SecretKeys = ["password", "pwd", "passfile"];

    private DatabaseLocation(StorageOptions storage, string description)
    {
        Storage = storage;
        Description = description;
    }

    /// <summary>The storage options for <see cref="MarketStore.OpenAsync"/>.</summary>
    public StorageOptions Storage { get; }

    /// <summary><c>sqlite:PATH</c>, or <c>postgres:</c> and the connection string without its password.</summary>
    public string Description { get; }

    /// <summary>Reads the option's value.</summary>
    /// <exception cref="UsageException">The value is neither form, or the connection string is not <c>key=value;…</c>.</exception>
    public static DatabaseLocation Parse(string option, string text)
    {
        StorageOptions storage;
        try
        {
            storage = StorageOptions.Parse(text);
        }
        catch (FormatException)
        {
            // The text may be a connection string with a mistyped prefix: show the prefix only, never a password.
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var shown = colon < 0 ? text : text[..(colon + 1)] + "...";
            throw new UsageException($"{option}: '{shown}' is not a database (use sqlite:PATH or postgres:CONNECTION-STRING)");
        }

        if (storage.Provider == StorageProvider.Sqlite)
        {
            return new DatabaseLocation(storage, "sqlite:" + storage.Path);
        }

        var builder = new KeywordRecorder();
        try
        {
            builder.ConnectionString = storage.ConnectionString;
        }
        catch (ArgumentException)
        {
            throw new UsageException($"{option}: the text after 'postgres:' is not a connection string (use key=value pairs separated by ';', e.g. postgres:Host=localhost;Database=quantpulse;Username=qp)");
        }

        Validate(option, builder);
        foreach (var key in SecretKeys)
        {
            builder.Remove(key);
        }

        return new DatabaseLocation(storage, "postgres:" + builder.ConnectionString);
    }

    // Npgsql checks every keyword and value; what it refuses is the user's mistake (exit 2), reported before anything
    // is opened, one keyword at a time so the message can name it (Npgsql's own messages name it in lower case
    // without the value, or not at all: a keyword it does not know with an empty value).
    private static void Validate(string option, KeywordRecorder parsed)
    {
        var known = new NpgsqlConnectionStringBuilder();
        if (parsed.Emptied.FirstOrDefault(k => !known.ContainsKey(k)) is { } emptied)
        {
            throw new UsageException($"{option}: the connection string was refused: unknown keyword '{emptied}'");
        }

        foreach (string key in parsed.Keys)
        {
            if (!known.ContainsKey(key))
            {
                throw new UsageException($"{option}: the connection string was refused: unknown keyword '{key}'");
            }

            try
            {
                known[key] = parsed[key];
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidCastException or KeyNotFoundException)
            {
                var value = SecretKeys.Contains(key) ? "its value" : $"'{parsed[key]}'";
                throw new UsageException($"{option}: the connection string was refused: {value} is not a valid {key}", ex);
            }
        }
    }

    // Npgsql names the keyword it refused as the parameter; the message without that suffix reads better.
    private static string Reason(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? FilePath => Storage.Provider == StorageProvider.Sqlite ? Storage.Path : null;

    /// <summary>Whether this is a SQLite file at <paramref name="path"/> (so a command can refuse to overwrite its own files).</summary>
    public bool IsFile(string path) =>
        FilePath is { } file
        && path != OutputTarget.StandardOutput
        && string.Equals(Path.GetFullPath(file), Path.GetFullPath(path), StringComparison.Ordinal);

    /// <summary>Opens the database, creating or migrating its schema.</summary>
    /// <exception cref="UsageException">The driver refused the connection string (an unknown keyword, for example).</exception>
    /// <exception cref="IOException">The database cannot be opened; the message says why.</exception>
    public async Task<IMarketStore> OpenAsync(string option, CancellationToken cancellationToken)
    {
        try
        {
            return await MarketStore.OpenAsync(Storage, loggerFactory: null, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{option}: the connection string was refused: {Reason(ex)}", ex);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the database {Description}: {ex.Message}", ex);
        }
    }

    /// <summary>A connection string parser that also remembers the keywords given an empty value (which it drops).</summary>
    private sealed class KeywordRecorder : DbConnectionStringBuilder
    {
        public List<string> Emptied { get; } = [];

        public override bool Remove(string keyword)
        {
            Emptied.Add(keyword);
            return base.Remove(keyword);
        }
    }
}
