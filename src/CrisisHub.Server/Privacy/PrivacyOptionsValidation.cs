using CrisisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Privacy;

/// <summary>Refuses a start whose privacy configuration gives no key ring (exit code 13, like every invalid option).</summary>
internal sealed class PrivacyOptionsValidation(IOptions<OrleansHostingOptions> silo) : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options) =>
        options.Problem(silo.Value.UsesRedis) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
