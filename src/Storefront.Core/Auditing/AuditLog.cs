using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Auditing;

/// <summary>
/// Adds audit entries to the unit of work, so that a decision and its record are saved together or not at all.
/// During an admin action (<see cref="BeginAdminAction"/>, opened by the web's filter around every admin POST) the
/// action has exactly one entry: <see cref="Record"/> only describes it, and the entry is added to the first
/// SaveChanges that changes anything, so it is written in the same transaction as the change, and not at all when the
/// action is refused before it changes anything.
/// </summary>
public sealed class AuditLog(StorefrontDbContext db, TimeProvider clock)
{
    private readonly StorefrontDbContext _db = db;
    private AdminAction? _action;

    public void Record(string? actorUserId, string actorName, string action, string subjectType, string subjectId, string? reason = null, string? details = null)
    {
        var entry = new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ActorUserId = actorUserId,
            ActorName = actorName,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Reason = reason,
            Details = details,
        };
        // The first description wins: a page's own words come before those of a service it calls.
        if (_action is not null) _action.Described ??= entry;
        else _db.AuditEntries.Add(entry);
    }

    /// <summary>Opens an admin action with the entry it gets when nothing more precise is recorded.</summary>
    public AdminAction BeginAdminAction(AuditEntry fallback)
    {
        if (_action is not null) throw new InvalidOperationException("An admin action is already open.");
        _action = new AdminAction(this, fallback);
        _db.SavingChanges += _action.OnSaving;
        _db.SavedChanges += _action.OnSaved;
        return _action;
    }

    /// <summary>One admin request's audit entry, written once.</summary>
    public sealed class AdminAction : IDisposable
    {
        private readonly AuditLog _log;
        private readonly AuditEntry _fallback;
        private AuditEntry? _pending;

        internal AdminAction(AuditLog log, AuditEntry fallback)
        {
            _log = log;
            _fallback = fallback;
        }

        internal AuditEntry? Described { get; set; }
        /// <summary>Whether the entry is in the database.</summary>
        public bool Written { get; private set; }

        private AuditEntry Entry => _pending ??= Described ?? _fallback;

        internal void OnSaving(object? sender, SavingChangesEventArgs e)
        {
            var db = _log._db;
            if (Written || !db.ChangeTracker.HasChanges()) return;
            // Added again after a failed save that the caller cleared from the change tracker.
            if (db.Entry(Entry).State == EntityState.Detached) db.AuditEntries.Add(Entry);
        }

        internal void OnSaved(object? sender, SavedChangesEventArgs e)
        {
            if (_pending is not null && _log._db.Entry(_pending).State == EntityState.Unchanged) Written = true;
        }

        /// <summary>
        /// Ends a successful action that wrote nothing through the unit of work (a revealed bank account, a job run, a
        /// change made by a bulk statement): its entry is written now. Only when it recorded what it did.
        /// </summary>
        public async Task CompleteAsync(CancellationToken ct)
        {
            if (Written || Described is null) return;
            Dispose();
            _log._db.AuditEntries.Add(Entry);
            await _log._db.SaveChangesAsync(ct);
            Written = true;
        }

        /// <summary>Ends a refused action: an entry not yet saved is dropped with the changes it came with.</summary>
        public void Abandon()
        {
            Dispose();
            if (!Written && _pending is not null && _log._db.Entry(_pending).State == EntityState.Added) _log._db.Entry(_pending).State = EntityState.Detached;
        }

        public void Dispose()
        {
            if (_log._action != this) return;
            _log._db.SavingChanges -= OnSaving;
            _log._db.SavedChanges -= OnSaved;
            _log._action = null;
        }
    }
}
