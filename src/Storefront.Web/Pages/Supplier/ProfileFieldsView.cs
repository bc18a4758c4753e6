namespace Storefront.Web.Pages.Supplier;

/// <summary>What the shared profile fields need: the input, the counties, and whether the verified identity is fixed.</summary>
public sealed record ProfileFieldsView(SupplierProfileInput Input, IReadOnlyList<CountyOption> Counties, bool IdentityFixed, string? BankAccountMasked);

/// <summary>A licence file input: the form field's name and the resource key of its label.</summary>
public sealed record DocumentInputView(string Name, string LabelKey);

public sealed record DocumentTableRow(int Id, Core.Suppliers.SupplierDocumentKind Kind, string FileName, long Length, DateTime UploadedAtUtc);

/// <summary>The documents table, shown to the supplier (who may delete) and to admins (who only read).</summary>
public sealed record DocumentTableView(IReadOnlyList<DocumentTableRow> Rows, bool CanDelete, string? SupplierRoute);
