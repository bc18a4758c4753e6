namespace Storefront.Platform832.Simulator;

/// <summary>The "Simulator" configuration section.</summary>
public sealed class SimulatorOptions
{
    public string AppKey { get; set; } = "demo-app";
    public string AppSecret { get; set; } = "demo-secret-change-me";
    public double RequestsPerSecond { get; set; } = 10;
    public int Burst { get; set; } = 20;
    public int TimestampWindowSeconds { get; set; } = 300;
    public int NonceWindowMinutes { get; set; } = 10;
    /// <summary>A write for an unknown supplier code onboards it (ACTIVE) instead of answering 404: handy for a demo.</summary>
    public bool AutoOnboardSuppliers { get; set; }
    public List<SupplierSeed> Suppliers { get; set; } = [];
    public List<BudgetUnitSeed> BudgetUnits { get; set; } = [];
    /// <summary>More accepted counties, beyond the designated counties of Hunan it ships.</summary>
    public List<string> ExtraCounties { get; set; } = [];
    public AuditOptions Audit { get; set; } = new();
    public OrderOptions Orders { get; set; } = new();
    public FaultSettings Faults { get; set; } = new();
    /// <summary>Seeds the random choices (faults, orders) so that a run can be repeated.</summary>
    public int? Seed { get; set; }

    public sealed class SupplierSeed
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? CreditCode { get; set; }
        public string? CountyCode { get; set; }
        public string Status { get; set; } = "ACTIVE";
    }

    public sealed class BudgetUnitSeed
    {
        public string CreditCode { get; set; } = "";
        public string Name { get; set; } = "";
        public string UnitType { get; set; } = "OTHER";
    }

    public sealed class AuditOptions
    {
        /// <summary>Auto: pending products are decided by rule after <see cref="DelaySeconds"/>; Manual: only on the page.</summary>
        public string Mode { get; set; } = "Auto";
        public double DelaySeconds { get; set; }
        /// <summary>Words that get a product rejected (the advertising law forbids superlatives such as 最 and 第一).</summary>
        public List<string> RejectWords { get; set; } = ["最", "第一", "国家级", "包治"];
    }

    public sealed class OrderOptions
    {
        /// <summary>Orders placed by the simulated budget units each minute; 0 leaves it to the page and the tests.</summary>
        public double PlacePerMinute { get; set; }
        /// <summary>Order changes (shipping, receipt, cancellation, refunds) each minute.</summary>
        public double AdvancePerMinute { get; set; }
    }
}

/// <summary>Faults to inject; changed at run time on the page, by the control API or by tests.</summary>
public sealed class FaultSettings
{
    /// <summary>Share of requests answered 500 or 503 (half of them after a write was applied).</summary>
    public double ErrorRate { get; set; }
    public int LatencyMs { get; set; }
    public int LatencyJitterMs { get; set; }
    /// <summary>Chance that a request starts a burst of 429s lasting <see cref="Burst429Seconds"/>.</summary>
    public double Burst429Rate { get; set; }
    public double Burst429Seconds { get; set; } = 1;
    /// <summary>Share of writes whose connection is dropped before the write is applied.</summary>
    public double DropBeforeRate { get; set; }
    /// <summary>Share of writes whose connection is dropped after the write was applied.</summary>
    public double DropAfterRate { get; set; }
    /// <summary>How far the platform's clock is from the true time.</summary>
    public double ClockSkewSeconds { get; set; }

    public FaultSettings Copy() => (FaultSettings)MemberwiseClone();
}
