using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Http;

/// <summary>The rules of one request type, checked by <see cref="RequestValidation.Validates{TRequest}"/> before the handler runs.</summary>
public interface IRequestValidator<in TRequest>
{
    /// <summary>Records every wrong field in <paramref name="errors"/> (malformed: 400; unknown references: 422).</summary>
    ValueTask ValidateAsync(TRequest request, ValidationErrors errors, CancellationToken cancellationToken);
}

/// <summary>One endpoint filter per request type: a handler runs only with a body its validator accepted.</summary>
public static class RequestValidation
{
    /// <summary>
    /// Validates the endpoint's <typeparamref name="TRequest"/> argument with the registered
    /// <see cref="IRequestValidator{TRequest}"/>; a missing body is a 400 naming <c>body</c>, unless
    /// <paramref name="bodyOptional"/> (an endpoint whose every field is optional, such as a reason).
    /// </summary>
    public static RouteHandlerBuilder Validates<TRequest>(this RouteHandlerBuilder builder, bool bodyOptional = false) where TRequest : class
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var errors = new ValidationErrors();
            if (context.Arguments.OfType<TRequest>().FirstOrDefault() is not { } request)
            {
                if (bodyOptional)
                {
                    return await next(context);
                }

                errors.Malformed["body"] = ["A JSON body is required."];
            }
            else
            {
                var validator = context.HttpContext.RequestServices.GetRequiredService<IRequestValidator<TRequest>>();
                await validator.ValidateAsync(request, errors, context.HttpContext.RequestAborted);
            }

            return errors.Any ? ApiProblems.Validation(errors) : await next(context);
        });
        return builder.ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Registers <typeparamref name="TValidator"/> as the validator of <typeparamref name="TRequest"/>.</summary>
    public static IServiceCollection AddRequestValidator<TRequest, TValidator>(this IServiceCollection services)
        where TValidator : class, IRequestValidator<TRequest> =>
        services.AddScoped<IRequestValidator<TRequest>, TValidator>();
}
