using System.Linq.Expressions;
using LinqToDB;

namespace QuantPulse.Storage.Internal;

/// <summary>Orders by a text key in byte order on every backend.</summary>
internal static class OrdinalOrder
{
    /// <summary>Then orders by <paramref name="key"/> in byte (ordinal) order.</summary>
    public static IOrderedQueryable<T> ThenByOrdinal<T>(this IOrderedQueryable<T> query, Expression<Func<T, string>> key, StoreDb db) =>
        query.ThenBy(Ordinal(key, db));

    /// <summary>Then orders by <paramref name="key"/> in descending byte (ordinal) order.</summary>
    public static IOrderedQueryable<T> ThenByOrdinalDescending<T>(this IOrderedQueryable<T> query, Expression<Func<T, string>> key, StoreDb db) =>
        query.ThenByDescending(Ordinal(key, db));

    private static Expression<Func<T, string>> Ordinal<T>(Expression<Func<T, string>> key, StoreDb db) =>
        !db.OrdinalIds
            ? key
            : Expression.Lambda<Func<T, string>>(
                Expression.Call(typeof(Sql).GetMethod(nameof(Sql.Collate))!, key.Body, Expression.Constant("C")),
                key.Parameters);
}
