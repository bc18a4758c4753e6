using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Localization;

/// <summary>
/// Model binding's own messages ("the value 'x' is not valid") in the person's language. The accessors run when an
/// error is recorded, so the localizer answers in that request's culture.
/// </summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => l["Binding.ValueInvalid", value, field]);
        m.SetMissingBindRequiredValueAccessor(field => l["Binding.Missing", field]);
        m.SetMissingKeyOrValueAccessor(() => l["Binding.Required"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Binding.Required"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Binding.ValueInvalidNoField", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Binding.UnknownInvalid"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Binding.MustBeNumberNoField"]);
        m.SetUnknownValueIsInvalidAccessor(field => l["Binding.UnknownInvalidField", field]);
        m.SetValueIsInvalidAccessor(value => l["Binding.ValueInvalidNoField", value]);
        m.SetValueMustBeANumberAccessor(field => l["Binding.MustBeNumber", field]);
        m.SetValueMustNotBeNullAccessor(value => l["Binding.Required"]);
    }
}
