using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using QuantPulse.Model;

namespace QuantPulse.Storage.Postgres;

/// <summary>
/// The ids of <c>tick_symbols</c> and <c>tick_sources</c> (schema version 7), cached for the store's lifetime: tick rows
/// carry a symbol's and a source's id instead of their text.
/// </summary>
/// <remarks>
/// Both tables are append-only, so a cached id stays right. A name met for the first time is added with
/// <c>INSERT … ON CONFLICT DO NOTHING</c> in its own statement (committed at once, whatever becomes of the tick
/// batch) and its id read back by a second statement, which also sees a row another process added at the same time.
/// Thread-safe.
/// </remarks>
internal sealed class PostgresTickNames
{
    private readonly NameTable _symbols = new("tick_symbols", symbols: true);
    private readonly NameTable _sources = new("tick_sources", symbols: false);

    /// <summary>Sets <paramref name="symbolIds"/>[i] and <paramref name="sourceIds"/>[i] to the ids of tick i's symbol and source.</summary>
    public async Task ResolveAsync(NpgsqlConnection connection, ReadOnlyMemory<Tick> ticks, int[] symbolIds, int[] sourceIds, CancellationToken cancellationToken)
    {
        if (_symbols.Fill(ticks.Span, symbolIds) is { } newSymbols)
        {
            await _symbols.AddAsync(connection, newSymbols, cancellationToken).ConfigureAwait(false);
            _symbols.FillKnown(ticks.Span, symbolIds);
        }

        if (_sources.Fill(ticks.Span, sourceIds) is { } newSources)
        {
            await _sources.AddAsync(connection, newSources, cancellationToken).ConfigureAwait(false);
            _sources.FillKnown(ticks.Span, sourceIds);
        }
    }

    private sealed class NameTable(string table, bool symbols)
    {
        private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly string _insert = $"INSERT INTO {table} (name) SELECT unnest($1) ON CONFLICT (name) DO NOTHING";
        private readonly string _select = $"SELECT name, id FROM {table} WHERE name = ANY($1)";

        /// <summary>Fills the ids of the cached names; returns the names not cached yet, or null when there are none.</summary>
        public HashSet<string>? Fill(ReadOnlySpan<Tick> ticks, Span<int> ids)
        {
            HashSet<string>? missing = null;
            string? last = null;
            var lastId = 0;
            for (var i = 0; i < ticks.Length; i++)
            {
                var name = symbols ? ticks[i].Symbol : ticks[i].Source;

                // A feed's ticks share a handful of string instances: a repeat of the previous one skips the lookup.
                if (!ReferenceEquals(name, last))
                {
                    if (!_ids.TryGetValue(name, out lastId))
                    {
                        (missing ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                        last = null;
                        continue;
                    }

                    last = name;
                }

                ids[i] = lastId;
            }

            return missing;
        }

        /// <summary>Fills every id, once the names are stored and cached.</summary>
        public void FillKnown(ReadOnlySpan<Tick> ticks, Span<int> ids)
        {
            if (Fill(ticks, ids) is not null)
            {
                throw new InvalidOperationException($"A name added to {table} could not be read back.");
            }
        }

        public async Task AddAsync(NpgsqlConnection connection, HashSet<string> names, CancellationToken cancellationToken)
        {
            var array = names.ToArray();
#pragma warning disable CA2100 // The table name is one of two constants.
            var insert = new NpgsqlCommand(_insert, connection) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } } };
            await using (insert.ConfigureAwait(false))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var select = new NpgsqlCommand(_select, connection) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } } };
#pragma warning restore CA2100
            await using (select.ConfigureAwait(false))
            {
                var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        _ids[reader.GetString(0)] = reader.GetInt32(1);
                    }
                }
            }
        }
    }
}
