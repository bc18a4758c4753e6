namespace Storefront.Web.Setup;

public static class ServiceDecoration
{
    /// <summary>
    /// Puts <paramref name="decorate"/> in front of the framework's singleton implementation of a service (registered
    /// by its type), which it is given to call: how the shop keeps what ASP.NET Core makes per request but need not.
    /// </summary>
    public static void Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate) where TService : class
    {
        var framework = services.Last(d => d.ServiceType == typeof(TService));
        var implementation = framework.ImplementationType
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not registered by its type, so it cannot be decorated here.");
        services.Remove(framework);
        services.AddSingleton(provider => decorate((TService)ActivatorUtilities.CreateInstance(provider, implementation), provider));
    }
}
