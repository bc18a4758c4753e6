using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Storefront.Core.Data;
using Storefront.Testing;
using Storefront.Web.Performance;

namespace Storefront.Web.Tests.Performance;

/// <summary>
/// The kept statements (Performance/KeptStatements). On SQLite a tagged read is prepared once and served from its
/// kept connection after, with each request's parameters, and sees every committed change; a read inside a
/// transaction is the transaction's own, and an untagged or in-memory one is left to EF. On both databases a named
/// statement runs without EF once EF has written it, each parameter bound to its own value.
/// </summary>
public sealed class KeptStatementsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kept-statements-").FullName;
    private readonly KeptStatements _kept = new();

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "shelf.db")};Pooling=False";

    public sealed class Jar
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
    }

    private sealed class Shelf(DbContextOptions<Shelf> options) : DbContext(options)
    {
        public DbSet<Jar> Jars => Set<Jar>();
    }

    private Shelf NewShelf(string? connectionString = null) =>
        new(new DbContextOptionsBuilder<Shelf>().UseSqlite(connectionString ?? ConnectionString).AddInterceptors(_kept).Options);

    private static Task<List<string>> NamesFromAsync(Shelf shelf, string from) =>
        shelf.Jars.TagWith(KeptStatement.Tag).Where(j => string.Compare(j.Name, from) >= 0).OrderBy(j => j.Name).Select(j => j.Name).ToListAsync();

    private async Task AddAsync(params string[] names)
    {
        await using var shelf = NewShelf();
        shelf.Jars.AddRange(names.Select(n => new Jar { Name = n }));
        await shelf.SaveChangesAsync();
    }

    private async Task CreateAsync()
    {
        await using var shelf = NewShelf();
        await shelf.Database.EnsureCreatedAsync();
    }

    [Fact]
    public async Task ATaggedReadIsPreparedOnceServedWithEachRequestsParametersAndSeesEveryCommittedChange()
    {
        await CreateAsync();
        await AddAsync("apple", "pear", "plum");

        for (var i = 0; i < 3; i++)
        {
            await using var shelf = NewShelf();
            Assert.Equal(["pear", "plum"], await NamesFromAsync(shelf, "p"));
            Assert.Equal(["plum"], await NamesFromAsync(shelf, "pl"));
        }
        Assert.Equal(1, _kept.Prepared);

        // Written by another connection and committed: the kept statement reads it at its next run.
        await AddAsync("peach");
        await using (var shelf = NewShelf())
        {
            Assert.Equal(["peach", "pear", "plum"], await NamesFromAsync(shelf, "p"));
            // An untagged read is EF's own, prepared as any other.
            Assert.Equal(4, await shelf.Jars.CountAsync());
        }
        Assert.Equal(1, _kept.Prepared);
    }

    [Fact]
    public async Task AReadInsideATransactionSeesItsOwnUncommittedRowsAndNothingAfterItsRollback()
    {
        await CreateAsync();
        await AddAsync("apple");
        await using var shelf = NewShelf();
        Assert.Equal(["apple"], await NamesFromAsync(shelf, "a"));

        await using (var transaction = await shelf.Database.BeginTransactionAsync())
        {
            shelf.Jars.Add(new Jar { Name = "apricot" });
            await shelf.SaveChangesAsync();
            // A kept connection would not see the transaction's row: the read is served on the transaction's own.
            Assert.Equal(["apple", "apricot"], await NamesFromAsync(shelf, "a"));
            await transaction.RollbackAsync();
        }
        shelf.ChangeTracker.Clear();
        Assert.Equal(["apple"], await NamesFromAsync(shelf, "a"));
        Assert.Equal(1, _kept.Prepared);
    }

    [Fact]
    public async Task ReadsRunningAtOnceEachGetTheirOwnConnectionAndTheirOwnRows()
    {
        await CreateAsync();
        await AddAsync([.. Enumerable.Range(0, 26).Select(i => $"{(char)('a' + i)}-jar")]);

        var reads = await Task.WhenAll(Enumerable.Range(0, 26).Select(i => Task.Run(async () =>
        {
            await using var shelf = NewShelf();
            var from = $"{(char)('a' + i)}";
            return (Count: (await NamesFromAsync(shelf, from)).Count, Expected: 26 - i);
        })));

        Assert.All(reads, r => Assert.Equal(r.Expected, r.Count));
        // One statement prepared on each connection opened, never more connections than the kept ones allowed.
        Assert.InRange(_kept.Prepared, 1, Math.Max(4, Environment.ProcessorCount * 4));
    }

    // The same parameter on both sides of a UNION ALL, with a LIMIT: the statement the seats' is shaped like.
    private static readonly Func<Shelf, string, IAsyncEnumerable<string>> NamesAndTheirNext = EF.CompileAsyncQuery((Shelf shelf, string from) =>
        shelf.Jars.TagWith(KeptStatement.Named("jars")).Where(j => j.Name == from).Select(j => j.Name)
            .Concat(shelf.Jars.Where(j => string.Compare(j.Name, from) > 0).OrderBy(j => j.Name).Select(j => j.Name).Take(1)));

    private static List<string> ReadNames(System.Data.Common.DbDataReader reader)
    {
        var names = new List<string>();
        using (reader) while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private async Task<List<string>?> RunJarsAsync(string from) =>
        await _kept.RunAsync(ConnectionString, "jars", new Dictionary<string, object> { ["from"] = from }) is { } reader ? ReadNames(reader) : null;

    [Fact]
    public async Task ANamedStatementIsRunWithoutEfOnceEfRanItEachParameterBoundByItsQuerysName()
    {
        await CreateAsync();
        await AddAsync("apple", "pear", "plum");
        // Until EF has written it, there is nothing to run.
        Assert.Null(await RunJarsAsync("pear"));

        await using (var shelf = NewShelf())
        {
            var made = new List<string>();
            await foreach (var name in NamesAndTheirNext(shelf, "pear")) made.Add(name);
            Assert.Equal(["pear", "plum"], made);
        }
        Assert.Equal(["pear", "plum"], await RunJarsAsync("pear"));
        // A longer value than EF's first: EF sized its parameter to "pear", which must not cut "apple" to "appl".
        Assert.Equal(["apple", "pear"], await RunJarsAsync("apple"));
        // A committed change is read at the next run; the connection was given back each time and its statement kept.
        await AddAsync("peach");
        Assert.Equal(["apple", "peach"], await RunJarsAsync("apple"));
        Assert.Equal(1, _kept.Prepared);

        // A parameter without a value, or another statement's name: left to EF.
        Assert.Null(await _kept.RunAsync(ConnectionString, "jars", new Dictionary<string, object> { ["to"] = "pear" }));
        Assert.Null(await _kept.RunAsync(ConnectionString, "cupboards", new Dictionary<string, object> { ["from"] = "pear" }));
    }

    // Two query parameters, one the start of the other's name, and one of them used twice (EF names it from, from0).
    private static readonly Func<Shelf, string, string, IAsyncEnumerable<string>> NamesBetween = EF.CompileAsyncQuery((Shelf shelf, string from, string fromTo) =>
        shelf.Jars.TagWith(KeptStatement.Named("jars between")).Where(j => j.Name == from).Select(j => j.Name)
            .Concat(shelf.Jars.Where(j => string.Compare(j.Name, from) > 0 && string.Compare(j.Name, fromTo) < 0).OrderBy(j => j.Name).Select(j => j.Name)));

    [SkippableFact]
    public async Task OnPostgreSqlANamedStatementGoesWithPositionalParametersEachBoundToItsOwnValue()
    {
        Requirements.Need(PostgreSqlServer.Instance is not null, Requirements.PostgresRequired, PostgreSqlServer.UnavailableReason);
        var database = $"kept_{Guid.NewGuid():N}";
        await PostgreSqlServer.Instance!.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        var connectionString = PostgreSqlServer.Instance.ConnectionString(database);
        Shelf OnPostgreSql() => new(new DbContextOptionsBuilder<Shelf>().UseNpgsql(connectionString).AddInterceptors(_kept).Options);
        await using (var shelf = OnPostgreSql())
        {
            await shelf.Database.EnsureCreatedAsync();
            shelf.Jars.AddRange(new[] { "apple", "peach", "pear", "plum", "quince" }.Select(n => new Jar { Name = n }));
            await shelf.SaveChangesAsync();
            var made = new List<string>();
            await foreach (var name in NamesBetween(shelf, "apple", "plum")) made.Add(name);
            Assert.Equal(["apple", "peach", "pear"], made);
        }

        async Task<List<string>> BetweenAsync(string from, string to) =>
            ReadNames((await _kept.RunAsync(connectionString, "jars between", new Dictionary<string, object> { ["from"] = from, ["fromTo"] = to }))!);
        Assert.Equal(["peach", "pear", "plum"], await BetweenAsync("peach", "quince"));
        Assert.Equal(["pear", "plum"], await BetweenAsync("pear", "quince"));
        // Nothing prepared on a kept SQLite connection: PostgreSQL's statements are Npgsql's to prepare.
        Assert.Equal(0, _kept.Prepared);
        NpgsqlConnection.ClearAllPools();
        await PostgreSqlServer.Instance.ExecuteAsync($"DROP DATABASE \"{database}\" WITH (FORCE)");
    }

    [Fact]
    public async Task AnInMemoryDatabaseIsLeftToEfSinceAnotherConnectionWouldOpenAnotherDatabase()
    {
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync();
        await using var shelf = new Shelf(new DbContextOptionsBuilder<Shelf>().UseSqlite(memory).AddInterceptors(_kept).Options);
        await shelf.Database.EnsureCreatedAsync();
        shelf.Jars.Add(new Jar { Name = "quince" });
        await shelf.SaveChangesAsync();

        Assert.Equal(["quince"], await NamesFromAsync(shelf, "q"));
        Assert.Equal(0, _kept.Prepared);
    }

    public void Dispose()
    {
        _kept.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
