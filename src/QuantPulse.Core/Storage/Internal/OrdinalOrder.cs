using System.Linq.Expressions;
using LinqToDB;

namespace QuantPulse.Storage.Internal;

/// <summary>Orders by a text key in byte order on every backend.</summary>
internal static class OrdinalOrder
{
    /// <summary>Then orders by <paramref name="key"/> in byte (ordinal) order.</summary>
    public static IOrderedQueryable<T> ThenByOrdinal<T>(this IOrderedQueryable<T> query, Expression<Func<T, string>> key, StoreDb db)
    {
        if (!db.OrdinalIds)
        {
            return query.ThenBy(key);
        }

        var collated = Expression.Lambda<Func<T, string>>(
            Expression.Call(typeof(Sql).GetMethod(nameof(Sql.Collate))!, key.Body, Expression.Constant("C")),
            key.Parameters);
        return query.ThenBy(collated);
    }
}
