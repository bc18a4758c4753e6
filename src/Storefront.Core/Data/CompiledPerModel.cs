using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Storefront.Core.Data;

/// <summary>
/// A query compiled once per model (EF.CompileAsyncQuery), for the statements every request of a page runs: composing
/// them per request cost more than running them (issue 13's profiles). A compiled query is bound to the model it first
/// ran with, and the tests run both databases in one process, so one is kept per model.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
