using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Core.Photos;
using Storefront.Core.ReferenceData;
using Storefront.Core.Regions;
using Storefront.Core.Suppliers;

namespace Storefront.Web.Demo;

/// <summary>
/// Fills an empty database with the demo: the Hunan designated counties, 18 verified suppliers with complete profiles
/// (and one more waiting for verification), 82 listings with photos and tiers, 16 organisations, and an account for
/// every role, all with one published password. Seeds only a database with no people, organisations, suppliers or
/// listings; finds the demo already there on a restart; and refuses a database that holds anything else, so that a
/// production database never receives the demo's admin account.
/// </summary>
public sealed class DemoData(
    StorefrontDbContext db,
    UserManager<StorefrontUser> users,
    RoleManager<IdentityRole> roles,
    IPhotoProcessor photos,
    BankAccounts bankAccounts,
    SupplierDocuments documents,
    IWebHostEnvironment environment,
    TimeProvider clock,
    DemoOrdering ordering,
    DemoDemand demand,
    DemoPlatform832History platform832History,
    ILogger<DemoData> logger)
{
    public const string Password = "Demo2026!";
    public const string EmailDomain = "demo.storefront.cn";

    public static string AdminEmail => $"admin@{EmailDomain}";
    public static string SupplierEmail(string key) => $"{key}@supplier.{EmailDomain}";
    public static string MemberEmail(string organisationKey, string role) => $"{organisationKey}.{role}@{EmailDomain}";

    /// <summary>The organisations whose buyer, approver and org admin have demo accounts.</summary>
    public static readonly string[] OrganisationsWithAccounts = ["school", "hospital", "agency"];

    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == AdminEmail.ToUpperInvariant(), ct))
        {
            logger.LogInformation("The demo is already in the database: nothing to seed");
            return;
        }
        if (await db.Users.AnyAsync(ct) || await db.Organisations.AnyAsync(ct) || await db.Suppliers.AnyAsync(ct) || await db.Listings.AnyAsync(ct))
            throw new InvalidOperationException(
                "Demo:Seed is on, but the database is not empty and does not hold the demo: the demo (with its published " +
                "admin password) is seeded only into an empty database. Set Demo:Seed to false (Demo__Seed=false) to start on this database.");
        logger.LogInformation("Empty database: seeding the demo data");
        var now = clock.GetUtcNow().UtcDateTime;

        if (!await db.DesignatedCounties.AnyAsync(ct))
        {
            foreach (var code in ReferenceDataLoader.ReadDemoDesignatedCounties())
                db.DesignatedCounties.Add(new DesignatedCounty { CountyCode = code, AddedAtUtc = now, Source = "demo: Hunan" });
        }

        if (!await roles.RoleExistsAsync(PlatformRoles.Admin))
            await roles.CreateAsync(new IdentityRole(PlatformRoles.Admin));
        var admin = await CreateUserAsync(AdminEmail, "平台管理员");
        await users.AddToRoleAsync(admin, PlatformRoles.Admin);

        var divisions = await db.Divisions.AsNoTracking()
            .Where(d => d.ProvinceCode == "430000")
            .ToDictionaryAsync(d => d.Code, ct);
        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, ct);

        var suppliers = new Dictionary<string, Supplier>();
        for (var i = 0; i < DemoCatalog.Suppliers.Length; i++)
        {
            var s = DemoCatalog.Suppliers[i];
            var prefix = s.Kind == SupplierKind.Cooperative ? "93" : "91";
            var supplier = new Supplier
            {
                Name = s.Name,
                Kind = s.Kind,
                CreditCode = UnifiedSocialCreditCode.Complete($"{prefix}{s.County}MA{i + 1:D7}"),
                CountyCode = s.County,
                Address = s.Address,
                ContactName = s.Contact,
                ContactPhone = s.Phone,
                FarmerLinkDescription = s.FarmerLink,
                BenefitingHouseholds = s.Households,
                BankName = $"{divisions[s.County].Name}农村商业银行",
                Status = VerificationStatus.Pending,
                CreatedAtUtc = s.Pending ? now.AddDays(-2) : now.AddDays(-200 + i),
            };
            bankAccounts.Set(supplier, $"6230{s.County}{i + 1:D9}");
            // A complete profile: a licence on file, submitted, and (all but the pending one) approved by the admin.
            var licence = DemoDocuments.BusinessLicence(supplier.CreditCode);
            var (upload, _) = await SupplierDocuments.ReadAsync(new MemoryStream(licence), $"营业执照-{s.Key}.pdf", photos, ct);
            await documents.StoreAsync(supplier, SupplierDocumentKind.BusinessLicence, upload!, userId: null, ct);
            supplier.Submit(supplier.CreatedAtUtc.AddHours(1));
            if (!s.Pending) supplier.Approve(now.AddDays(-190 + i));
            var owner = await CreateUserAsync(SupplierEmail(s.Key), s.Contact);
            supplier.Members.Add(new SupplierMember { UserId = owner.Id, IsOwner = true, JoinedAtUtc = supplier.CreatedAtUtc });
            db.Suppliers.Add(supplier);
            suppliers[s.Key] = supplier;
        }

        // Suppliers first, so that their listings and history can refer to them by id.
        await db.SaveChangesAsync(ct);
        foreach (var (key, supplier) in suppliers)
        {
            var subject = supplier.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = supplier.SubmittedAtUtc!.Value, ActorUserId = supplier.Members[0].UserId, ActorName = SupplierEmail(key),
                Action = "Supplier.Submit", SubjectType = SupplierVerification.SubjectType, SubjectId = subject,
            });
            if (supplier.VerifiedAtUtc is not { } verified) continue;
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = verified, ActorUserId = admin.Id, ActorName = AdminEmail, Action = "Supplier.Approve",
                SubjectType = SupplierVerification.SubjectType, SubjectId = subject,
            });
        }

        // Each demo photo is processed once, two at a time (the processor's own limit), before the listings use them.
        var photoKeys = DemoCatalog.Listings.Select(l => l.Photo).Distinct().ToList();
        var photoClock = System.Diagnostics.Stopwatch.StartNew();
        var processed = await Task.WhenAll(photoKeys.Select(key => ProcessDemoPhotoAsync(key, ct)));
        logger.LogInformation("Demo photos processed in {Elapsed} ms", photoClock.ElapsedMilliseconds);
        var photoHashes = photoKeys.Zip(processed).ToDictionary(p => p.First, p => p.Second);
        for (var i = 0; i < DemoCatalog.Listings.Length; i++)
        {
            var seed = DemoCatalog.Listings[i];
            var supplier = suppliers[seed.Supplier];
            var category = categories[seed.Category];
            var county = divisions[supplier.CountyCode];
            var published = now.AddDays(-DemoCatalog.Listings.Length + i).AddHours(-i % 7);
            var listing = new Listing
            {
                Title = seed.Title,
                Unit = seed.Unit,
                Spec = seed.Spec,
                OriginCountyCode = supplier.CountyCode,
                Stock = seed.Stock,
                LeadTimeDays = seed.LeadDays,
                CertificationNo = seed.Certification,
                Description = seed.Description,
                Status = ListingStatus.Published,
                CreatedAtUtc = published.AddDays(-3),
                UpdatedAtUtc = published,
                PublishedAtUtc = published,
            };
            listing.SupplierId = supplier.Id;
            listing.CategoryId = category.Id;
            var problems = listing.SetPricing(seed.Moq, TiersFor(seed));
            if (problems.Count > 0) throw new InvalidOperationException($"Demo listing '{seed.Title}' has invalid tiers: {problems[0].Problem}.");
            listing.IndexForSearch(supplier.Name, category, county);

            var photo = photoHashes[seed.Photo];
            listing.Photos.Add(new ListingPhoto
            {
                Position = 0,
                ContentHash = photo.ContentHash!,
                Width = photo.Width,
                Height = photo.Height,
                AltText = seed.Title,
                CreatedAtUtc = published,
            });
            db.Listings.Add(listing);
        }

        for (var i = 0; i < DemoCatalog.Organisations.Length; i++)
        {
            var o = DemoCatalog.Organisations[i];
            // 11: organs of state, 12: public institutions (schools, hospitals), 91: enterprises.
            var categoryCode = o.Type switch { OrganisationType.Agency => "11", OrganisationType.StateEnterprise => "91", _ => "12" };
            var organisation = new Organisation
            {
                Name = o.Name,
                Type = o.Type,
                CreditCode = UnifiedSocialCreditCode.Complete($"{categoryCode}{o.Region}MB{i + 1:D7}"),
                RegionCode = o.Region,
                CompetentUnit = o.CompetentUnit,
                Status = VerificationStatus.Verified,
                ApprovalThresholdFen = o.ThresholdFen,
                PaymentTermDays = 30,
                CreatedAtUtc = now.AddDays(-300),
            };
            organisation.DeliveryAddresses.Add(new DeliveryAddress
            {
                Label = o.Canteen,
                Address = $"{divisions[o.Region].FullName} {o.Name}{o.Canteen}",
                Recipient = "食堂管理员",
                Phone = "0731-88880000",
                IsDefault = true,
            });
            if (OrganisationsWithAccounts.Contains(o.Key))
            {
                foreach (var (role, roleName, displayName) in new[]
                {
                    (OrganisationRoles.Buyer, "buyer", "采购员"),
                    (OrganisationRoles.Approver, "approver", "审批人"),
                    (OrganisationRoles.OrgAdmin, "admin", "单位管理员"),
                })
                {
                    var user = await CreateUserAsync(MemberEmail(o.Key, roleName), $"{o.Name} {displayName}");
                    organisation.Members.Add(new OrganisationMember { UserId = user.Id, Roles = role, JoinedAtUtc = organisation.CreatedAtUtc });
                }
            }
            db.Organisations.Add(organisation);
        }

        // The platform's collection account, so that the demo's buyers can pay by transfer (an invented account).
        foreach (var (key, value) in new[]
        {
            (Core.Settings.PlatformSettings.CollectionHolderKey, "湖南省消费帮扶服务中心（演示）"),
            (Core.Settings.PlatformSettings.CollectionBankKey, "中国工商银行长沙岳麓山支行"),
            (Core.Settings.PlatformSettings.CollectionNumberKey, "1901002009200088888"),
        })
        {
            db.PlatformSettings.Add(new Core.Settings.PlatformSetting { Key = key, Value = value, UpdatedAtUtc = now });
        }
        await db.SaveChangesAsync(ct);
        await Quotas.DemoQuotas.SeedAsync(db, clock, ct);
        await ordering.SeedAsync(ct);
        await demand.SeedAsync(ct);
        await platform832History.SeedAsync(ct);
        logger.LogInformation("Demo data seeded: {Suppliers} suppliers, {Listings} listings, {Organisations} organisations",
            DemoCatalog.Suppliers.Length, DemoCatalog.Listings.Length, DemoCatalog.Organisations.Length);
    }

    /// <summary>Three tiers for most listings: the minimum order, five times it (−5%) and twenty times it (−10%).</summary>
    internal static IReadOnlyList<PriceTier> TiersFor(DemoCatalog.ListingSeed seed)
    {
        if (seed.SingleTier) return [new PriceTier(seed.Moq, seed.PriceFen)];
        return
        [
            new PriceTier(seed.Moq, seed.PriceFen),
            new PriceTier(seed.Moq * 5, Discounted(seed.PriceFen, 95)),
            new PriceTier(seed.Moq * 20, Discounted(seed.PriceFen, 90)),
        ];
    }

    // Prices above ¥10 end in a whole ten fen, as price lists do.
    private static long Discounted(long priceFen, int percent)
    {
        var exact = priceFen * percent / 100m;
        var step = priceFen >= 1000 ? 10m : 1m;
        return (long)(decimal.Round(exact / step, 0, MidpointRounding.AwayFromZero) * step);
    }

    private async Task<StorefrontUser> CreateUserAsync(string email, string displayName)
    {
        var user = new StorefrontUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        return user;
    }

    private async Task<PhotoResult> ProcessDemoPhotoAsync(string key, CancellationToken ct)
    {
        var path = Path.Combine(environment.WebRootPath, "demo", "photos", key + ".jpg");
        await using var file = File.OpenRead(path);
        var result = await photos.ProcessAsync(file, ct);
        if (!result.Accepted) throw new InvalidOperationException($"Demo photo {key} was refused: {result.Refusal}.");
        return result;
    }
}
