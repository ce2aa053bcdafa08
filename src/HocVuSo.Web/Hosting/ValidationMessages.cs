using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Form validation speaks the reader's language: the messages of model binding ("the value is not
/// valid", "must be a number") and of validation attributes, the implicit "required" of
/// non-nullable properties included, come from the resource files, in the markup
/// (<c>data-val-*</c>) as on the server.
/// </summary>
public static class ValidationMessages
{
    public static IServiceCollection AddValidationMessages(this IServiceCollection services)
    {
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var messages = o.ModelBindingMessageProvider;
            messages.SetMissingBindRequiredValueAccessor(_ => l["validation.required"]);
            messages.SetMissingKeyOrValueAccessor(() => l["validation.required"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => l["validation.body_required"]);
            messages.SetValueMustNotBeNullAccessor(_ => l["validation.required"]);
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["validation.invalid", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["validation.invalid", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => l["validation.invalid_unknown"]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["validation.invalid_unknown"]);
            messages.SetValueIsInvalidAccessor(value => l["validation.invalid", value]);
            messages.SetValueMustBeANumberAccessor(_ => l["validation.number"]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => l["validation.number"]);
            o.ModelMetadataDetailsProviders.Add(new MessageKeys());
        });
        return services;
    }

    /// <summary>Gives validation attributes without a message of their own a resource key, which data-annotation localisation then looks up.</summary>
    private sealed class MessageKeys : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            // A value type is always required; without an attribute of its own the markup would get the framework's English sentence.
            var type = context.Key.ModelType;
            if (type.IsValueType && Nullable.GetUnderlyingType(type) is null && context.Key.MetadataKind != ModelMetadataKind.Type
                && !context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>().Any())
            {
                context.ValidationMetadata.ValidatorMetadata.Add(new RequiredAttribute());
            }

            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceName is not null)
                {
                    continue;
                }

                attribute.ErrorMessage = attribute switch
                {
                    RequiredAttribute => "validation.required",
                    StringLengthAttribute or MaxLengthAttribute => "validation.too_long",
                    MinLengthAttribute => "validation.too_short",
                    RangeAttribute => "validation.range",
                    EmailAddressAttribute => "validation.email",
                    PhoneAttribute => "validation.phone",
                    _ => "validation.invalid_unknown",
                };
            }
        }
    }
}
