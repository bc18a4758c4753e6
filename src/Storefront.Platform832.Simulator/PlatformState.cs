using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Storefront.Platform832.Simulator;

public sealed record Category(string Code, string Name, string? ParentCode);
public sealed record County(string Code, string Name, string Province);
public sealed record FieldReason(string Field, string Reason);

public sealed class SimSupplier
{
    public required string SupplierCode { get; init; }
    public required string Name { get; set; }
    public string? CreditCode { get; set; }
    public string? CountyCode { get; set; }
    public string Status { get; set; } = "ACTIVE";
}

/// <summary>The fields of 4.1 as the platform stores them.</summary>
public sealed record ProductFields(
    int Revision, string Title, string CategoryCode, string OriginCountyCode, string? CertificationNo, string Unit, string Spec,
    long PriceFen, int Stock, int MinOrderQty, IReadOnlyList<string> ImageUrls, string Description)
{
    /// <summary>Everything but the revision: what "the same content" means for a replay.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ContentKey => JsonSerializer.Serialize(this with { Revision = 0 });
    /// <summary>Everything a reviewer looks at: a change here sends the product back to PENDING audit.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string AuditKey => JsonSerializer.Serialize(this with { Revision = 0, PriceFen = 0, Stock = 0 });
}

public sealed class SimProduct
{
    public required string SupplierCode { get; init; }
    public required string ExternalId { get; init; }
    public required string PlatformProductId { get; init; }
    public required ProductFields Fields { get; set; }
    public int Revision { get; set; }
    /// <summary>The operation that set the stored revision: a replay must be the same operation with the same content.</summary>
    public bool LastWasDelist { get; set; }
    public bool Delisted { get; set; }
    public string AuditStatus { get; set; } = "PENDING";
    public string? RejectReason { get; set; }
    public DateTimeOffset PendingSince { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record AuditRecord(long Seq, string SupplierCode, string ExternalId, int Revision, string AuditStatus, string? RejectReason, DateTimeOffset DecidedAt);

public sealed record BudgetUnit(string CreditCode, string Name, string UnitType);
public sealed record OrderLine(string ExternalId, string PlatformProductId, int Quantity, long PriceFen, long AmountFen);

public sealed class SimOrder
{
    public required string OrderNo { get; init; }
    public required string SupplierCode { get; init; }
    public required BudgetUnit Buyer { get; init; }
    public required IReadOnlyList<OrderLine> Lines { get; init; }
    public long TotalFen { get; set; }
    public long RefundedFen { get; set; }
    public string Status { get; set; } = "PAID";
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The outcome of one operation: an API code, its data or field errors, and the HTTP status that goes with it.</summary>
public sealed record OpResult(int Code, string Message, object? Data = null)
{
    public int HttpStatus => Code switch
    {
        0 => 200,
        40001 => 400,
        40101 or 40102 or 40103 => 401,
        40401 => 404,
        40901 => 409,
        42901 => 429,
        50301 => 503,
        _ => 500,
    };

    public static OpResult Ok(object? data) => new(0, "ok", data);
    public static OpResult Invalid(IReadOnlyList<FieldReason> errors) => new(40001, "validation failed", new { errors });
    public static OpResult NotFound(string what) => new(40401, $"no such {what}");
    public static OpResult Stale(int current) => new(40901, "stale revision", new { currentRevision = current });
}

/// <summary>
/// Everything the simulated platform holds: suppliers, products with their revisions and audits, the audit feed,
/// budget units and their orders. One lock guards it all; the simulator serves a test or a demo, not a country.
/// </summary>
public sealed class PlatformState
{
    private readonly Lock _gate = new();
    private readonly SimulatorOptions _options;
    private readonly Func<DateTimeOffset> _now;
    private readonly Random _random;
    private readonly Dictionary<string, SimSupplier> _suppliers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Supplier, string ExternalId), SimProduct> _products = [];
    private readonly List<AuditRecord> _audits = [];
    private readonly Dictionary<string, SimOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<BudgetUnit> _budgetUnits = [];
    private DateTimeOffset _lastStamp = DateTimeOffset.MinValue;
    private long _auditSeq;
    private int _productSeq;
    private int _orderSeq;

    public IReadOnlyList<Category> Categories { get; }
    public bool AutoOnboards => _options.AutoOnboardSuppliers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, County> _counties;
    /// <summary>The counties the platform accepts; the platform may add one while running (<see cref="AcceptCounty"/>).</summary>
    public IReadOnlyDictionary<string, County> Counties => _counties;

    public PlatformState(SimulatorOptions options, Func<DateTimeOffset> now, Random random)
    {
        _options = options;
        _now = now;
        _random = random;
        Categories = ReferenceData.Categories;
        _counties = new(ReferenceData.Counties(options.ExtraCounties), StringComparer.Ordinal);
        foreach (var s in options.Suppliers)
            _suppliers[s.Code] = new SimSupplier { SupplierCode = s.Code, Name = s.Name, CreditCode = s.CreditCode, CountyCode = s.CountyCode, Status = s.Status };
        _budgetUnits.AddRange(options.BudgetUnits.Select(b => new BudgetUnit(b.CreditCode, b.Name, b.UnitType)));
    }

    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The platform's time for a new record: never earlier than the last, so feeds stay in order whatever the clock does.</summary>
    private DateTimeOffset Stamp()
    {
        var now = _now().ToOffset(China);
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, China);
        _lastStamp = now > _lastStamp ? now : _lastStamp.AddMilliseconds(1);
        return _lastStamp;
    }

    /// <summary>The platform starts accepting a county's products (its list grows as counties are onboarded).</summary>
    public void AcceptCounty(string code, string name, string province) => _counties[code] = new County(code, name, province);

    // ---- suppliers and budget units ----

    public OpResult GetSupplier(string code)
    {
        lock (_gate)
            return _suppliers.TryGetValue(code, out var s) ? OpResult.Ok(SupplierView(s)) : OpResult.NotFound("supplier");
    }

    public void UpsertSupplier(string code, string name, string? creditCode, string? countyCode, string status)
    {
        lock (_gate)
        {
            if (_suppliers.TryGetValue(code, out var s)) { s.Name = name; s.CreditCode = creditCode; s.CountyCode = countyCode; s.Status = status; }
            else _suppliers[code] = new SimSupplier { SupplierCode = code, Name = name, CreditCode = creditCode, CountyCode = countyCode, Status = status };
        }
    }

    public IReadOnlyList<SimSupplier> Suppliers() { lock (_gate) return _suppliers.Values.OrderBy(s => s.SupplierCode, StringComparer.Ordinal).ToList(); }

    public void AddBudgetUnit(string creditCode, string name, string unitType)
    {
        lock (_gate)
        {
            _budgetUnits.RemoveAll(b => b.CreditCode == creditCode);
            _budgetUnits.Add(new BudgetUnit(creditCode, name, unitType));
        }
    }

    public IReadOnlyList<BudgetUnit> BudgetUnits() { lock (_gate) return [.. _budgetUnits]; }

    private static object SupplierView(SimSupplier s) => new { supplierCode = s.SupplierCode, name = s.Name, creditCode = s.CreditCode, countyCode = s.CountyCode, status = s.Status };

    /// <summary>The supplier a write is for: 404 when unknown (unless onboarding is automatic), 40001 when suspended.</summary>
    private OpResult? CheckWritableSupplier(string code)
    {
        if (!_suppliers.TryGetValue(code, out var supplier))
        {
            if (!_options.AutoOnboardSuppliers) return OpResult.NotFound("supplier");
            _suppliers[code] = supplier = new SimSupplier { SupplierCode = code, Name = code };
        }
        return supplier.Status == "SUSPENDED" ? OpResult.Invalid([new FieldReason("supplierCode", "SUPPLIER_SUSPENDED")]) : null;
    }

    // ---- products ----

    public OpResult Upsert(string supplierCode, string externalId, ProductFields fields)
    {
        lock (_gate)
        {
            if (CheckWritableSupplier(supplierCode) is { } refused) return refused;
            var key = (supplierCode, externalId);
            var now = Stamp();
            if (_products.TryGetValue(key, out var product))
            {
                if (fields.Revision < product.Revision) return OpResult.Stale(product.Revision);
                if (fields.Revision == product.Revision)
                    return !product.LastWasDelist && product.Fields.ContentKey == fields.ContentKey ? OpResult.Ok(StateView(product)) : OpResult.Stale(product.Revision);
                if (product.Fields.AuditKey != fields.AuditKey) SendToAudit(product, now);
                product.Fields = fields;
                product.Revision = fields.Revision;
                product.LastWasDelist = false;
                product.Delisted = false;
                product.UpdatedAt = now;
                return OpResult.Ok(StateView(product));
            }
            product = new SimProduct
            {
                SupplierCode = supplierCode,
                ExternalId = externalId,
                PlatformProductId = "P" + (++_productSeq).ToString("D6", CultureInfo.InvariantCulture),
                Fields = fields,
                Revision = fields.Revision,
                PendingSince = now,
                UpdatedAt = now,
            };
            _products[key] = product;
            return OpResult.Ok(StateView(product));
        }
    }

    public OpResult Delist(string supplierCode, string externalId, int revision)
    {
        lock (_gate)
        {
            if (CheckWritableSupplier(supplierCode) is { } refused) return refused;
            if (!_products.TryGetValue((supplierCode, externalId), out var product)) return OpResult.NotFound("product");
            if (revision < product.Revision) return OpResult.Stale(product.Revision);
            if (revision == product.Revision) return product.LastWasDelist ? OpResult.Ok(StateView(product)) : OpResult.Stale(product.Revision);
            product.Revision = revision;
            product.Fields = product.Fields with { Revision = revision };
            product.LastWasDelist = true;
            product.Delisted = true;
            product.UpdatedAt = Stamp();
            return OpResult.Ok(StateView(product));
        }
    }

    /// <summary>
    /// An operator of the platform puts a delisted product back on sale, at the revision it holds: the storefront did
    /// not ask for it, and its reconciliation must notice and delist it again.
    /// </summary>
    public bool PutBackOnSale(string supplierCode, string externalId)
    {
        lock (_gate)
        {
            if (!_products.TryGetValue((supplierCode, externalId), out var product) || !product.Delisted) return false;
            product.Delisted = false;
            product.LastWasDelist = false;
            product.UpdatedAt = Stamp();
            return true;
        }
    }

    public OpResult GetProduct(string supplierCode, string externalId)
    {
        lock (_gate)
        {
            if (!_suppliers.ContainsKey(supplierCode)) return OpResult.NotFound("supplier");
            return _products.TryGetValue((supplierCode, externalId), out var product) ? OpResult.Ok(ProductView(product)) : OpResult.NotFound("product");
        }
    }

    public OpResult ListProducts(string supplierCode, string? cursor, int limit)
    {
        lock (_gate)
        {
            if (!_suppliers.ContainsKey(supplierCode)) return OpResult.NotFound("supplier");
            var after = Cursors.Decode(cursor);
            var page = _products.Values
                .Where(p => p.SupplierCode == supplierCode && (after is null || string.CompareOrdinal(p.ExternalId, after) > 0))
                .OrderBy(p => p.ExternalId, StringComparer.Ordinal)
                .Take(limit + 1)
                .ToList();
            var more = page.Count > limit;
            if (more) page.RemoveAt(limit);
            return OpResult.Ok(new { items = page.Select(ProductView).ToList(), nextCursor = more ? Cursors.Encode(page[^1].ExternalId) : null });
        }
    }

    /// <summary>The products a test or the page looks at, oldest first.</summary>
    public IReadOnlyList<SimProduct> Products() { lock (_gate) return _products.Values.OrderBy(p => p.PlatformProductId, StringComparer.Ordinal).ToList(); }

    public SimProduct? Product(string supplierCode, string externalId) { lock (_gate) return _products.GetValueOrDefault((supplierCode, externalId)); }

    private static object StateView(SimProduct p) => new
    {
        platformProductId = p.PlatformProductId,
        revision = p.Revision,
        auditStatus = p.AuditStatus,
        rejectReason = p.RejectReason,
        delisted = p.Delisted,
        updatedAt = Format(p.UpdatedAt),
    };

    private static object ProductView(SimProduct p) => new
    {
        externalId = p.ExternalId,
        revision = p.Revision,
        title = p.Fields.Title,
        categoryCode = p.Fields.CategoryCode,
        originCountyCode = p.Fields.OriginCountyCode,
        certificationNo = p.Fields.CertificationNo,
        unit = p.Fields.Unit,
        spec = p.Fields.Spec,
        priceFen = p.Fields.PriceFen,
        stock = p.Fields.Stock,
        minOrderQty = p.Fields.MinOrderQty,
        imageUrls = p.Fields.ImageUrls,
        description = p.Fields.Description,
        platformProductId = p.PlatformProductId,
        auditStatus = p.AuditStatus,
        rejectReason = p.RejectReason,
        delisted = p.Delisted,
        updatedAt = Format(p.UpdatedAt),
    };

    // ---- audits ----

    private static void SendToAudit(SimProduct product, DateTimeOffset now)
    {
        product.AuditStatus = "PENDING";
        product.RejectReason = null;
        product.PendingSince = now;
    }

    /// <summary>A reviewer's decision, by hand or by rule; recorded in the audit feed with the revision it judged.</summary>
    public bool Decide(string supplierCode, string externalId, bool approve, string? reason)
    {
        lock (_gate)
        {
            if (!_products.TryGetValue((supplierCode, externalId), out var product)) return false;
            DecideLocked(product, approve, approve ? null : string.IsNullOrWhiteSpace(reason) ? "不符合平台要求" : reason.Trim());
            return true;
        }
    }

    private void DecideLocked(SimProduct product, bool approve, string? reason)
    {
        product.AuditStatus = approve ? "APPROVED" : "REJECTED";
        product.RejectReason = reason;
        _audits.Add(new AuditRecord(++_auditSeq, product.SupplierCode, product.ExternalId, product.Revision, product.AuditStatus, reason, Stamp()));
    }

    /// <summary>In automatic mode, decides the products that have waited long enough: rejected when a forbidden word appears.</summary>
    public int AuditByRule()
    {
        if (!string.Equals(_options.Audit.Mode, "Auto", StringComparison.OrdinalIgnoreCase)) return 0;
        lock (_gate)
        {
            var due = _now() - TimeSpan.FromSeconds(_options.Audit.DelaySeconds);
            var pending = _products.Values.Where(p => p.AuditStatus == "PENDING" && p.PendingSince <= due).OrderBy(p => p.PendingSince).ToList();
            foreach (var product in pending)
            {
                var word = _options.Audit.RejectWords.FirstOrDefault(w => product.Fields.Title.Contains(w, StringComparison.Ordinal) || product.Fields.Description.Contains(w, StringComparison.Ordinal));
                DecideLocked(product, word is null, word is null ? null : $"含广告法禁用词：{word}");
            }
            return pending.Count;
        }
    }

    public OpResult AuditChanges(DateTimeOffset since, string? cursor, int limit)
    {
        lock (_gate)
        {
            var after = Cursors.DecodePosition(cursor);
            var page = _audits
                .Where(a => a.DecidedAt >= since && (after is null || (a.DecidedAt.UtcTicks, a.Seq.ToString("D19", CultureInfo.InvariantCulture)).CompareTo(after.Value) > 0))
                .OrderBy(a => a.DecidedAt).ThenBy(a => a.Seq)
                .Take(limit + 1)
                .ToList();
            var more = page.Count > limit;
            if (more) page.RemoveAt(limit);
            return OpResult.Ok(new
            {
                items = page.Select(a => new
                {
                    supplierCode = a.SupplierCode,
                    externalId = a.ExternalId,
                    revision = a.Revision,
                    auditStatus = a.AuditStatus,
                    rejectReason = a.RejectReason,
                    decidedAt = Format(a.DecidedAt),
                }).ToList(),
                nextCursor = more ? Cursors.EncodePosition(page[^1].DecidedAt, page[^1].Seq.ToString("D19", CultureInfo.InvariantCulture)) : null,
            });
        }
    }

    // ---- orders ----

    /// <summary>Budget units buy approved products on sale: 1 to 3 lines of one supplier, paid at once.</summary>
    public IReadOnlyList<SimOrder> PlaceOrders(int count)
    {
        lock (_gate)
        {
            var placed = new List<SimOrder>();
            var onSale = _products.Values.Where(p => !p.Delisted && p.AuditStatus == "APPROVED").GroupBy(p => p.SupplierCode).Select(g => g.ToList()).ToList();
            if (onSale.Count == 0 || _budgetUnits.Count == 0) return placed;
            for (var i = 0; i < count; i++)
            {
                var products = onSale[_random.Next(onSale.Count)];
                var lines = products.OrderBy(_ => _random.Next()).Take(_random.Next(1, Math.Min(3, products.Count) + 1))
                    .Select(p =>
                    {
                        var quantity = p.Fields.MinOrderQty * _random.Next(1, 6);
                        return new OrderLine(p.ExternalId, p.PlatformProductId, quantity, p.Fields.PriceFen, quantity * p.Fields.PriceFen);
                    }).ToList();
                var now = Stamp();
                var order = new SimOrder
                {
                    OrderNo = $"832-{now:yyyyMMdd}-{++_orderSeq:D6}",
                    SupplierCode = products[0].SupplierCode,
                    Buyer = _budgetUnits[_random.Next(_budgetUnits.Count)],
                    Lines = lines,
                    TotalFen = lines.Sum(l => l.AmountFen),
                    PaidAt = now,
                    UpdatedAt = now,
                };
                _orders[order.OrderNo] = order;
                placed.Add(order);
            }
            return placed;
        }
    }

    /// <summary>Moves orders on: shipped or cancelled, received, refunded in part or whole. Returns how many changed.</summary>
    public int AdvanceOrders(int count)
    {
        lock (_gate)
        {
            var open = _orders.Values.Where(o => o.Status is not ("CANCELLED" or "REFUNDED") || o.RefundedFen < o.TotalFen && o.Status == "REFUNDED").ToList();
            var changed = 0;
            for (var i = 0; i < count && open.Count > 0; i++)
            {
                var order = open[_random.Next(open.Count)];
                var roll = _random.NextDouble();
                switch (order.Status)
                {
                    case "PAID" when roll < 0.15:
                        order.Status = "CANCELLED";
                        order.RefundedFen = order.TotalFen;
                        open.Remove(order);
                        break;
                    case "PAID":
                        order.Status = "SHIPPED";
                        break;
                    case "SHIPPED":
                        order.Status = "RECEIVED";
                        order.ReceivedAt = Stamp();
                        break;
                    case "RECEIVED" when roll < 0.6:
                        open.Remove(order);
                        continue; // kept as received: a final state for this run
                    case "RECEIVED" or "REFUNDED":
                        order.Status = "REFUNDED";
                        var left = order.TotalFen - order.RefundedFen;
                        order.RefundedFen += roll < 0.8 ? Math.Max(1, left / _random.Next(2, 5)) : left;
                        if (order.RefundedFen >= order.TotalFen) open.Remove(order);
                        break;
                }
                order.UpdatedAt = Stamp();
                changed++;
            }
            return changed;
        }
    }

    /// <summary>The platform amends an order's paid amount (a price correction): a new revision of the order.</summary>
    public void ReviseOrderTotal(string orderNo, long totalFen)
    {
        lock (_gate)
        {
            var order = _orders[orderNo];
            order.TotalFen = totalFen;
            order.UpdatedAt = Stamp();
        }
    }

    /// <summary>The buyer cancels an order before it ships: all of it is given back.</summary>
    public void CancelOrder(string orderNo)
    {
        lock (_gate)
        {
            var order = _orders[orderNo];
            order.Status = "CANCELLED";
            order.RefundedFen = order.TotalFen;
            order.UpdatedAt = Stamp();
        }
    }

    public IReadOnlyList<SimOrder> Orders() { lock (_gate) return _orders.Values.OrderBy(o => o.OrderNo, StringComparer.Ordinal).ToList(); }

    public OpResult ListOrders(DateTimeOffset since, string? cursor, int limit)
    {
        lock (_gate)
        {
            var after = Cursors.DecodePosition(cursor);
            var page = _orders.Values
                .Where(o => o.UpdatedAt >= since && (after is null || (o.UpdatedAt.UtcTicks, o.OrderNo).CompareTo(after.Value) > 0))
                .OrderBy(o => o.UpdatedAt).ThenBy(o => o.OrderNo, StringComparer.Ordinal)
                .Take(limit + 1)
                .ToList();
            var more = page.Count > limit;
            if (more) page.RemoveAt(limit);
            return OpResult.Ok(new
            {
                items = page.Select(o => new
                {
                    orderNo = o.OrderNo,
                    supplierCode = o.SupplierCode,
                    buyer = new { creditCode = o.Buyer.CreditCode, name = o.Buyer.Name, unitType = o.Buyer.UnitType },
                    lines = o.Lines.Select(l => new { externalId = l.ExternalId, platformProductId = l.PlatformProductId, quantity = l.Quantity, priceFen = l.PriceFen, amountFen = l.AmountFen }).ToList(),
                    totalFen = o.TotalFen,
                    refundedFen = o.RefundedFen,
                    status = o.Status,
                    paidAt = o.PaidAt is { } paid ? Format(paid) : null,
                    receivedAt = o.ReceivedAt is { } received ? Format(received) : null,
                    updatedAt = Format(o.UpdatedAt),
                }).ToList(),
                nextCursor = more ? Cursors.EncodePosition(page[^1].UpdatedAt, page[^1].OrderNo) : null,
            });
        }
    }

    public static string Format(DateTimeOffset time) => time.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}

/// <summary>Opaque cursors: a position in a feed (time and tie-breaker) or the last key of a page.</summary>
internal static class Cursors
{
    public static string Encode(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException) { return null; }
    }

    public static string EncodePosition(DateTimeOffset time, string tieBreaker) => Encode($"{time.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{tieBreaker}");

    public static (long Ticks, string TieBreaker)? DecodePosition(string? cursor)
    {
        var text = Decode(cursor);
        var parts = text?.Split('|', 2);
        return parts is { Length: 2 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? (ticks, parts[1]) : null;
    }
}
