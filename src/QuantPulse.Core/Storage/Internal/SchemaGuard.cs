namespace QuantPulse.Storage.Internal;

/// <summary>Refuses a database whose schema is newer than the scripts this build carries.</summary>
internal static class SchemaGuard
{
    public static void CheckNotNewer(long databaseVersion, int knownVersion, string provider)
    {
        if (databaseVersion > knownVersion)
        {
            throw new InvalidOperationException(
                $"The {provider} database is at schema version {databaseVersion}, newer than the {knownVersion} this version of QuantPulse knows; upgrade QuantPulse.");
        }
    }
}
