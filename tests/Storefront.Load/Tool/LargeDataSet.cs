using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Core.Quotas;
using Storefront.Core.Regions;
using Storefront.Core.Suppliers;
using Storefront.Web.Demo;

namespace Storefront.Load;

/// <summary>
/// The load test's data set, on top of the demo: suppliers across the designated counties, their listings (with
/// tiers and a photo of the demo's), organisations with canteen filings, and past purchases whose
/// orders were paid, each with the payment and the quota entries it implies; then the ledger's totals. The bench
/// organisation and its buyers, who place the benchmark's orders, are made through the shop's own services.
/// </summary>
public sealed class LargeDataSet(StorefrontDbContext db, IServiceProvider services, LargeDataSet.Sizes sizes)
{
    public sealed record Sizes(int Suppliers, int Listings, int Organisations, int Orders, int Buyers);

    public const string BenchOrganisation = "基准测试采购中心";
    public const string BuyerEmailFormat = "buyer{0}@load.storefront.test";
    public static string BuyerEmail(int n) => string.Format(CultureInfo.InvariantCulture, BuyerEmailFormat, n);

    private readonly Random _random = new(2026);
    private readonly BulkWriter _writer = new(db);
    private readonly DateTime _now = DateTime.UtcNow;

    private static readonly (string Slug, string[] Products, string[] Specs, string Unit)[] Vocabulary =
    [
        ("rice", ["香米", "贡米", "大米", "糯米", "富硒米", "高山米"], ["5kg", "10kg", "25kg 食堂装", "散装 按公斤"], "袋"),
        ("oils", ["茶油", "山茶油", "菜籽油", "压榨菜油", "野山茶油"], ["1L", "2.5L", "5L", "20L 食堂装"], "桶"),
        ("fruit", ["猕猴桃", "脐橙", "杨梅", "椪柑", "黄桃", "冰糖橙", "葡萄"], ["5kg", "10kg", "2.5kg 礼盒", "15kg 食堂装"], "箱"),
        ("vegetables", ["萝卜", "辣椒", "竹笋", "土豆", "红薯", "白菜", "莲藕"], ["5kg", "10kg", "20kg 食堂装", "散装 按公斤"], "箱"),
        ("meat", ["腊肉", "土猪肉", "黄牛肉", "山羊肉", "腊鸭", "香肠"], ["500g", "1kg", "5kg 食堂装", "2.5kg"], "袋"),
        ("eggs", ["土鸡蛋", "鸭蛋", "皮蛋", "咸鸭蛋", "乌鸡蛋"], ["30枚", "60枚", "360枚 食堂装", "10枚 礼盒"], "盒"),
        ("dried-goods", ["香菇", "木耳", "笋干", "红薯粉", "干豆角", "黄花菜"], ["250g", "500g", "1kg", "5kg 食堂装"], "袋"),
        ("honey", ["土蜂蜜", "百花蜜", "槐花蜜", "野桂花蜜", "椴树蜜"], ["500g", "1kg", "250g 礼盒", "5kg 食堂装"], "瓶"),
        ("tea", ["莓茶", "黄金茶", "黑茶", "红茶", "绿茶", "毛尖", "古丈毛尖"], ["100g", "250g", "500g", "50g 礼盒"], "罐"),
    ];

    private static readonly string[] Places =
    [
        "松柏", "石堤", "青天", "高坪", "芙蓉", "灵溪", "塔卧", "砂坝", "万坪", "西岐", "毛坝", "润雅", "车坪", "颗砂", "泽家",
        "长官", "首车", "对山", "朗溪", "小溪", "龙寨", "桃花", "白沙", "清水", "大坪", "新寨", "茶园", "竹山", "金坑", "银洞",
    ];

    private static readonly string[] Grades = ["", "特级", "一级", "精选", "有机", "高山", "农家", "明前"];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        void Say(string what, long rows) => Console.WriteLine($"  {what,-28} {rows,12:N0} rows   at {clock.Elapsed.TotalSeconds,6:N0} s");

        var counties = await db.DesignatedCounties.AsNoTracking().Select(c => c.County).OrderBy(c => c.Code).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().Where(c => c.ParentCode != null).ToDictionaryAsync(c => c.Slug, ct);
        var photos = await db.ListingPhotos.AsNoTracking()
            .Select(p => new { p.ContentHash, p.Width, p.Height }).Distinct().OrderBy(p => p.ContentHash).ToListAsync(ct);
        if (counties.Count == 0 || photos.Count == 0) throw new InvalidOperationException("The demo (designated counties, photos) must be seeded first.");

        // Suppliers, each of one county and one kind of produce.
        var supplierBase = (int)await NextIdAsync(db.Suppliers.Select(s => (long)s.Id), ct);
        var suppliers = Enumerable.Range(0, sizes.Suppliers).Select(i =>
        {
            var county = counties[i % counties.Count];
            var vocabulary = Vocabulary[_random.Next(Vocabulary.Length)];
            var product = vocabulary.Products[_random.Next(vocabulary.Products.Length)];
            var kind = (SupplierKind)(1 + _random.Next(4));
            var suffix = kind switch
            {
                SupplierKind.Cooperative => "专业合作社",
                SupplierKind.LeadingEnterprise => "农业开发有限公司",
                SupplierKind.FamilyFarm => "家庭农场",
                _ => "商贸有限公司",
            };
            var place = Places[_random.Next(Places.Length)] + Places[_random.Next(Places.Length)][..1];
            // One in a hundred is suspended: its listings stay in the tables but leave the catalog.
            var status = i % 100 == 99 ? VerificationStatus.Suspended : VerificationStatus.Verified;
            return new SupplierRow(supplierBase + i, $"{county.Name}{place}{product}{suffix}", kind, county, vocabulary.Slug, status);
        }).ToList();
        Say("suppliers", await _writer.WriteAsync<Core.Suppliers.Supplier>(
            [nameof(Core.Suppliers.Supplier.Id), nameof(Core.Suppliers.Supplier.Name), nameof(Core.Suppliers.Supplier.Kind), nameof(Core.Suppliers.Supplier.CreditCode), nameof(Core.Suppliers.Supplier.CountyCode),
             nameof(Core.Suppliers.Supplier.Address), nameof(Core.Suppliers.Supplier.ContactName), nameof(Core.Suppliers.Supplier.ContactPhone), nameof(Core.Suppliers.Supplier.FarmerLinkDescription),
             nameof(Core.Suppliers.Supplier.BenefitingHouseholds), nameof(Core.Suppliers.Supplier.Status), nameof(Core.Suppliers.Supplier.CreatedAtUtc), nameof(Core.Suppliers.Supplier.VerifiedAtUtc),
             nameof(Core.Suppliers.Supplier.SubmittedAtUtc), nameof(Core.Suppliers.Supplier.BankName)],
            suppliers.Select(s => new object?[]
            {
                s.Id, s.Name, s.Kind, UnifiedSocialCreditCode.Complete($"93{s.County.Code}MA{s.Id:D7}"), s.County.Code,
                $"{s.County.ProvinceName}{s.County.PrefectureName}{s.County.Name}{s.Name[..2]}村", "联系人", "0743-0000000",
                "订单收购、保底分红，带动脱贫户增收", 20 + s.Id % 300, s.Status, _now.AddDays(-800), _now.AddDays(-790), _now.AddDays(-795), "农村商业银行",
            }), ct));

        // Listings: each supplier lists its own produce from its county, published on days spread over two years.
        var listingBase = (int)await NextIdAsync(db.Listings.Select(l => (long)l.Id), ct);
        var listings = new List<ListingRow>(sizes.Listings);
        for (var i = 0; i < sizes.Listings; i++)
        {
            var supplier = suppliers[i % suppliers.Count];
            var vocabulary = _random.Next(5) == 0 ? Vocabulary[_random.Next(Vocabulary.Length)] : Vocabulary.Single(v => v.Slug == supplier.Slug);
            var product = vocabulary.Products[_random.Next(vocabulary.Products.Length)];
            var spec = vocabulary.Specs[_random.Next(vocabulary.Specs.Length)];
            var grade = Grades[_random.Next(Grades.Length)];
            var shortCounty = supplier.County.Name.Length > 2 ? supplier.County.Name[..^1] : supplier.County.Name;
            var title = $"{shortCounty}{product}{(grade.Length > 0 ? " " + grade : "")} {spec}";
            var price = 800 + _random.NextInt64(40_000);
            var minimum = new[] { 1, 1, 1, 2, 5, 10 }[_random.Next(6)];
            var tiers = _random.Next(3) switch
            {
                0 => new[] { new PriceTier(minimum, price) },
                1 => [new PriceTier(minimum, price), new PriceTier(minimum + 50, price * 95 / 100)],
                _ => [new PriceTier(minimum, price), new PriceTier(minimum + 20, price * 95 / 100), new PriceTier(minimum + 100, price * 90 / 100)],
            };
            var category = categories[vocabulary.Slug];
            var id = listingBase + i;
            var certification = _random.Next(4) == 0 ? $"FP{supplier.County.Code}{id:D8}" : null;
            listings.Add(new ListingRow(
                id, supplier, category.Id, title, vocabulary.Unit, spec, minimum, tiers, certification,
                Listing.SearchTextOf(id, title, spec, certification, supplier.Name, category, supplier.County),
                // Nineteen in twenty are on sale; the rest are drafts or taken off sale.
                i % 20 == 19 ? (i % 40 == 39 ? ListingStatus.Unpublished : ListingStatus.Draft) : ListingStatus.Published,
                _now.AddMinutes(-_random.Next(2 * 365 * 24 * 60))));
        }
        Say("listings", await _writer.WriteAsync<Listing>(
            [nameof(Listing.Id), nameof(Listing.SupplierId), nameof(Listing.CategoryId),
             nameof(Listing.OriginCountyCode), nameof(Listing.Title), nameof(Listing.Unit),
             nameof(Listing.Spec), nameof(Listing.MinOrderQuantity), nameof(Listing.Stock),
             nameof(Listing.LeadTimeDays), nameof(Listing.CertificationNo), nameof(Listing.Description),
             nameof(Listing.Status), nameof(Listing.Revision), nameof(Listing.BasePriceFen),
             nameof(Listing.LowestPriceFen), nameof(Listing.SearchText), nameof(Listing.CreatedAtUtc),
             nameof(Listing.UpdatedAtUtc), nameof(Listing.PublishedAtUtc)],
            listings.Select(l => new object?[]
            {
                l.Id, l.Supplier.Id, l.CategoryId, l.Supplier.County.Code, l.Title, l.Unit, l.Spec, l.MinOrderQuantity,
                // Stock enough for every order the benchmark places.
                1_000_000, 1 + l.Id % 7, l.CertificationNo,
                $"{l.Title}，产自{l.Supplier.County.ProvinceName}{l.Supplier.County.PrefectureName}{l.Supplier.County.Name}，由{l.Supplier.Name}统一收购、分拣和配送。" +
                "产地直供，按食堂需要定期供应，支持开具发票；每一笔采购都带动当地脱贫户增收。",
                l.Status, 1, l.Tiers[0].UnitPriceFen, l.Tiers[^1].UnitPriceFen, l.SearchText, l.PublishedAt.AddDays(-3), l.PublishedAt,
                l.Status == ListingStatus.Draft ? null : l.PublishedAt,
            }), ct));

        var tierBase = (int)await NextIdAsync(db.ListingPriceTiers.Select(t => (long)t.Id), ct);
        Say("price tiers", await _writer.WriteAsync<ListingPriceTier>(
            [nameof(ListingPriceTier.Id), nameof(ListingPriceTier.ListingId), nameof(ListingPriceTier.MinQuantity), nameof(ListingPriceTier.UnitPriceFen)],
            listings.SelectMany(l => l.Tiers.Select(t => (l.Id, t))).Select((x, i) => new object?[] { tierBase + i, x.Id, x.t.MinQuantity, x.t.UnitPriceFen }), ct));

        var photoBase = (int)await NextIdAsync(db.ListingPhotos.Select(p => (long)p.Id), ct);
        Say("photos", await _writer.WriteAsync<ListingPhoto>(
            [nameof(ListingPhoto.Id), nameof(ListingPhoto.ListingId), nameof(ListingPhoto.Position), nameof(ListingPhoto.ContentHash),
             nameof(ListingPhoto.Width), nameof(ListingPhoto.Height), nameof(ListingPhoto.AltText), nameof(ListingPhoto.CreatedAtUtc)],
            listings.Select((l, i) =>
            {
                var photo = photos[l.Id % photos.Count];
                return new object?[] { photoBase + i, l.Id, 0, photo.ContentHash, photo.Width, photo.Height, l.Title, l.PublishedAt };
            }), ct));

        // Organisations all over the country, with a canteen filing for this year (nine in ten) and an address.
        var allCounties = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.County).Select(d => d.Code).OrderBy(c => c).ToListAsync(ct);
        var organisationBase = (int)await NextIdAsync(db.Organisations.Select(o => (long)o.Id), ct);
        var organisations = Enumerable.Range(organisationBase, sizes.Organisations).ToList();
        Say("organisations", await _writer.WriteAsync<Organisation>(
            [nameof(Organisation.Id), nameof(Organisation.Name), nameof(Organisation.Type), nameof(Organisation.CreditCode), nameof(Organisation.RegionCode),
             nameof(Organisation.Status), nameof(Organisation.PaymentTermDays), nameof(Organisation.CreatedAtUtc)],
            organisations.Select(id =>
            {
                var region = allCounties[_random.Next(allCounties.Count)];
                var type = (OrganisationType)(1 + _random.Next(5));
                return new object?[] { id, $"基准测试{TypeName(type)}{id:D5}", type, UnifiedSocialCreditCode.Complete($"12{region}MB{id:D7}"), region, VerificationStatus.Verified, 30, _now.AddDays(-900) };
            }), ct));
        var addressBase = (int)await NextIdAsync(db.DeliveryAddresses.Select(a => (long)a.Id), ct);
        await _writer.WriteAsync<DeliveryAddress>(
            [nameof(DeliveryAddress.Id), "OrganisationId", nameof(DeliveryAddress.Label), nameof(DeliveryAddress.Address),
             nameof(DeliveryAddress.Recipient), nameof(DeliveryAddress.Phone), nameof(DeliveryAddress.IsDefault)],
            organisations.Select((id, i) => new object?[] { addressBase + i, id, "食堂", $"基准测试路{id}号 食堂后门", "食堂管理员", "0731-0000000", true }), ct);
        var year = ShanghaiTime.FromUtc(_now).Year;
        var filingBase = (int)await NextIdAsync(db.CanteenFilings.Select(f => (long)f.Id), ct);
        Say("canteen filings", await _writer.WriteAsync<CanteenFiling>(
            [nameof(CanteenFiling.Id), nameof(CanteenFiling.OrganisationId), nameof(CanteenFiling.Year), nameof(CanteenFiling.Kind),
             nameof(CanteenFiling.BaseFen), nameof(CanteenFiling.Status), nameof(CanteenFiling.AppliedRatioBasisPoints),
             nameof(CanteenFiling.ReservedFen), nameof(CanteenFiling.SubmittedAtUtc), nameof(CanteenFiling.Version)],
            organisations.Where(id => id % 10 != 0).Select((id, i) =>
            {
                var baseFen = 50_000_000 + _random.NextInt64(1_950_000_000);
                var ratio = new[] { 1000, 1500, 2000, 3000 }[_random.Next(4)];
                return new object?[] { filingBase + i, id, year, FilingKind.Canteen, baseFen, FilingStatus.Approved, ratio, ReservedQuota.Compute(baseFen, ratio), _now.AddDays(-60), 1 };
            }), ct));

        var buyers = await BenchBuyersAsync(ct);
        await PastOrdersAsync(organisations, listings, buyers, Say, ct);

        // COPY and bulk inserts go around EF: the ledger's totals are built once from the entries, and the catalog gets
        // a new stamp so that nothing cached before the load is served.
        await QuotaTotalsInterceptor.RebuildAsync(db, ct);
        await db.CatalogVersions.ExecuteUpdateAsync(s => s.SetProperty(v => v.Stamp, Random.Shared.NextInt64()), ct);
        Say("ledger totals rebuilt", 0);
        await db.Database.ExecuteSqlRawAsync(_writer.IsPostgreSql ? "VACUUM ANALYZE" : "ANALYZE", ct);
        if (_writer.IsPostgreSql) await db.Database.ExecuteSqlRawAsync("CHECKPOINT", ct);
        else await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        Say("statistics gathered", 0);
    }

    /// <summary>Purchases of the past two years: one to three orders each, from suppliers, mostly paid and counted.</summary>
    private async Task PastOrdersAsync(List<int> organisations, List<ListingRow> listings, IReadOnlyList<string> buyers, Action<string, long> say, CancellationToken ct)
    {
        var onSale = listings.Where(l => l.Status == ListingStatus.Published && l.Supplier.Status == VerificationStatus.Verified).ToList();
        var bySupplier = onSale.GroupBy(l => l.Supplier.Id).Select(g => g.ToList()).ToList();
        var purchaseBase = await NextIdAsync(db.Purchases.Select(p => p.Id), ct);
        var orderBase = await NextIdAsync(db.Orders.Select(o => o.Id), ct);
        var lineBase = await NextIdAsync(db.OrderLines.Select(l => l.Id), ct);
        var paymentBase = await NextIdAsync(db.Payments.Select(p => p.Id), ct);
        var entryBase = await NextIdAsync(db.QuotaEntries.Select(e => e.Id), ct);
        var start = ShanghaiTime.YearBounds(ShanghaiTime.FromUtc(_now).Year - 1).StartUtc;
        var span = (long)(_now.AddDays(-1) - start).TotalSeconds;

        var purchases = new List<object?[]>();
        var orders = new List<object?[]>();
        var lines = new List<object?[]>();
        var payments = new List<object?[]>();
        var entries = new List<object?[]>();
        long orderId = orderBase, lineId = lineBase, paymentId = paymentBase, entryId = entryBase, purchaseId = purchaseBase;
        while (orderId - orderBase < sizes.Orders)
        {
            var organisation = organisations[_random.Next(organisations.Count)];
            var created = start.AddSeconds(_random.NextInt64(span));
            var number = Purchase.NumberOf(purchaseId, created);
            var roll = _random.Next(100);
            // 85 in 100 purchases were paid (then shipped and mostly completed), the rest wait or were cancelled.
            var (status, paid) = roll switch
            {
                < 75 => (OrderStatus.Completed, true),
                < 80 => (OrderStatus.Shipped, true),
                < 85 => (OrderStatus.Paid, true),
                < 90 => (OrderStatus.Approved, false),
                < 95 => (OrderStatus.PendingApproval, false),
                _ => (OrderStatus.Cancelled, false),
            };
            var paidAt = created.AddHours(24 + _random.Next(24 * 10));
            if (paidAt > _now) paidAt = _now.AddMinutes(-1);
            var orderCount = 1 + _random.Next(3);
            long purchaseTotal = 0;
            var thisPayment = paid ? paymentId++ : (long?)null;
            for (var sequence = 1; sequence <= orderCount && orderId - orderBase < sizes.Orders; sequence++)
            {
                var stock = bySupplier[_random.Next(bySupplier.Count)];
                var lineCount = 1 + _random.Next(4);
                long total = 0;
                var county = stock[0].Supplier.County.Code;
                foreach (var listing in stock.OrderBy(_ => _random.Next()).Take(lineCount))
                {
                    var quantity = listing.MinOrderQuantity + _random.Next(30);
                    var price = PriceTiers.TierFor(listing.Tiers, quantity)!.UnitPriceFen;
                    lines.Add([lineId++, orderId, listing.Id, listing.Title, listing.Unit, listing.Spec, county, price, quantity, price * quantity]);
                    total += price * quantity;
                }
                purchaseTotal += total;
                orders.Add([
                    orderId, purchaseId, organisation, stock[0].Supplier.Id, sequence, $"{number}-{sequence}", status, 3, total, created,
                    status == OrderStatus.PendingApproval ? null : created.AddHours(2), paid || status == OrderStatus.Approved ? created.AddHours(2) : null,
                    thisPayment, paid ? paidAt : null, status == OrderStatus.Completed ? paidAt.AddDays(7) : null,
                    status == OrderStatus.Cancelled ? created.AddHours(5) : null,
                    status == OrderStatus.Cancelled ? CancellationKind.CancelledByBuyer : null,
                ]);
                if (paid)
                {
                    var key = PaymentConfirmation.SourceKey(thisPayment!.Value, orderId, county);
                    var local = ShanghaiTime.FromUtc(paidAt);
                    entries.Add([entryId++, organisation, QuotaEntryKind.PaymentConfirmed, total, paidAt, local.Year, local.Month, key,
                        stock[0].Supplier.Id, county, orderId, $"{number}-{sequence}", paidAt]);
                }
                orderId++;
            }
            purchases.Add([purchaseId, number, organisation, buyers[(int)(purchaseId % buyers.Count)], Guid.NewGuid(), "食堂",
                $"基准测试路{organisation}号 食堂后门", "食堂管理员", "0731-0000000", DateOnly.FromDateTime(created.AddDays(7)), purchaseTotal, created]);
            if (thisPayment is { } id)
                payments.Add([id, purchaseId, PaymentMethod.BankTransfer, purchaseTotal, paidAt, $"BENCH{id:D8}", paidAt]);
            purchaseId++;
        }

        say("purchases", await _writer.WriteAsync<Purchase>(
            [nameof(Purchase.Id), nameof(Purchase.Number), nameof(Purchase.OrganisationId), nameof(Purchase.BuyerUserId), nameof(Purchase.CheckoutKey),
             nameof(Purchase.DeliveryLabel), nameof(Purchase.DeliveryAddress), nameof(Purchase.DeliveryRecipient), nameof(Purchase.DeliveryPhone),
             nameof(Purchase.RequestedDeliveryDate), nameof(Purchase.TotalFen), nameof(Purchase.CreatedAtUtc)], purchases, ct));
        say("payments", await _writer.WriteAsync<Payment>(
            [nameof(Payment.Id), nameof(Payment.PurchaseId), nameof(Payment.Method), nameof(Payment.AmountFen), nameof(Payment.PaidAtUtc),
             nameof(Payment.Reference), nameof(Payment.RecordedAtUtc)], payments, ct));
        say("orders", await _writer.WriteAsync<Order>(
            [nameof(Order.Id), nameof(Order.PurchaseId), nameof(Order.OrganisationId), nameof(Order.SupplierId), nameof(Order.Sequence),
             nameof(Order.Number), nameof(Order.Status), nameof(Order.Version), nameof(Order.TotalFen), nameof(Order.CreatedAtUtc),
             nameof(Order.ApprovedAtUtc), nameof(Order.StockReservedAtUtc), nameof(Order.PaymentId), nameof(Order.PaidAtUtc),
             nameof(Order.CompletedAtUtc), nameof(Order.CancelledAtUtc), nameof(Order.Cancellation)], orders, ct));
        say("order lines", await _writer.WriteAsync<OrderLine>(
            [nameof(OrderLine.Id), nameof(OrderLine.OrderId), nameof(OrderLine.ListingId), nameof(OrderLine.Title), nameof(OrderLine.Unit),
             nameof(OrderLine.Spec), nameof(OrderLine.OriginCountyCode), nameof(OrderLine.UnitPriceFen), nameof(OrderLine.Quantity),
             nameof(OrderLine.AmountFen)], lines, ct));
        say("quota entries", await _writer.WriteAsync<QuotaEntry>(
            [nameof(QuotaEntry.Id), nameof(QuotaEntry.OrganisationId), nameof(QuotaEntry.Kind), nameof(QuotaEntry.AmountFen),
             nameof(QuotaEntry.OccurredAtUtc), nameof(QuotaEntry.Year), nameof(QuotaEntry.Month), nameof(QuotaEntry.SourceKey),
             nameof(QuotaEntry.SupplierId), nameof(QuotaEntry.CountyCode), nameof(QuotaEntry.OrderId), nameof(QuotaEntry.Reference),
             nameof(QuotaEntry.RecordedAtUtc)], entries, ct));
    }

    /// <summary>The organisation whose buyers place the benchmark's orders: no approval threshold, so checkout takes stock at once.</summary>
    private async Task<IReadOnlyList<string>> BenchBuyersAsync(CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<StorefrontUser>>();
        var organisation = new Organisation
        {
            Name = BenchOrganisation, Type = OrganisationType.School, CreditCode = UnifiedSocialCreditCode.Complete("12430104MB0000001"),
            RegionCode = "430104", Status = VerificationStatus.Verified, ApprovalThresholdFen = null, CreatedAtUtc = _now,
        };
        organisation.DeliveryAddresses.Add(new DeliveryAddress { Label = "食堂", Address = "长沙市岳麓区基准测试路1号", Recipient = "食堂管理员", Phone = "0731-0000000", IsDefault = true });
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        var ids = new List<string>();
        for (var n = 1; n <= sizes.Buyers; n++)
        {
            var user = new StorefrontUser { UserName = BuyerEmail(n), Email = BuyerEmail(n), EmailConfirmed = true, DisplayName = $"基准采购员{n}" };
            var created = await users.CreateAsync(user, DemoData.Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, UserId = user.Id, Roles = OrganisationRoles.Buyer | OrganisationRoles.Approver, JoinedAtUtc = _now });
            ids.Add(user.Id);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return ids;
    }

    private static async Task<long> NextIdAsync(IQueryable<long> ids, CancellationToken ct) => (await ids.MaxAsync(i => (long?)i, ct) ?? 0) + 1;

    private static string TypeName(OrganisationType type) => type switch
    {
        OrganisationType.Agency => "机关",
        OrganisationType.School => "学校",
        OrganisationType.Hospital => "医院",
        OrganisationType.StateEnterprise => "国企",
        _ => "单位",
    };

    private sealed record SupplierRow(int Id, string Name, SupplierKind Kind, AdministrativeDivision County, string Slug, VerificationStatus Status);

    private sealed record ListingRow(
        int Id, SupplierRow Supplier, int CategoryId, string Title, string Unit, string Spec, int MinOrderQuantity, PriceTier[] Tiers,
        string? CertificationNo, string SearchText, ListingStatus Status, DateTime PublishedAt);
}
