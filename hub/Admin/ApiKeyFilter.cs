using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Authenticates every admin request by its <c>X-Api-Key</c> header (401 problem otherwise), makes the
/// caller available to the handler, and turns an <see cref="AdminException"/> into problem details.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyStore keys, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public const string Header = "X-Api-Key";
    private const string CallerItem = "cybercantal.caller";

    public static ApiCaller Caller(HttpContext context) =>
        context.Items[CallerItem] as ApiCaller ?? throw new InvalidOperationException("The API key filter did not run.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = keys.Find(http.Request.Headers[Header].ToString());
        if (caller is null)
        {
            AdminLog.Unauthenticated(logger, http.Request.Method, http.Request.Path);
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"Send a valid API key in the '{Header}' header.");
        }

        http.Items[CallerItem] = caller;
        try
        {
            return await next(context);
        }
        catch (AdminException exception)
        {
            AdminLog.RequestRefused(logger, http.Request.Method, http.Request.Path, exception.Status, exception.Message);
            if (exception.Status == StatusCodes.Status400BadRequest && exception.Field is { } field)
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { [field] = [exception.Message] },
                    detail: exception.Message,
                    title: exception.Title);
            }

            return Results.Problem(statusCode: exception.Status, title: exception.Title, detail: exception.Message);
        }
    }
}
