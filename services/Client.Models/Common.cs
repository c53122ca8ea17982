namespace Platform.Client.Models;

/// <summary>
/// One page of a list, the shape every list of the public API answers with: <c>{ items, total, page, pageSize }</c>.
/// Lists take <c>page</c> (from 1) and <c>pageSize</c> (1 to 100, 20 unless the operation says otherwise).
/// </summary>
/// <typeparam name="T">The type of the listed items.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="Total">How many items the whole list holds.</param>
/// <param name="Page">The number of this page, from 1.</param>
/// <param name="PageSize">The page size the server applied.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);

/// <summary>
/// A resource together with its entity tag, as read from the <c>ETag</c> response header. Pass the <c>ETag</c>
/// as the <c>If-Match</c> argument of the next update; the server answers 412 when someone changed the resource
/// in between.
/// </summary>
/// <typeparam name="T">The type of the resource.</typeparam>
/// <param name="Value">The resource.</param>
/// <param name="ETag">Its entity tag, quotes included, e.g. <c>"7"</c>.</param>
public sealed record Versioned<T>(T Value, string ETag);

/// <summary>A resource whose representation carries the version its <c>ETag</c> is made from (<c>"7"</c> for 7).</summary>
public interface IVersioned
{
    /// <summary>The version; every change to the resource raises it.</summary>
    int Version { get; }
}
