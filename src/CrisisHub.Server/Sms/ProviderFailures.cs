using System.Net.Sockets;
using Polly.Timeout;

namespace CrisisHub.Server.Sms;

/// <summary>
/// Sorts the ways a call to the SMS provider can fail before it answers. The gateway and the HTTP retry
/// pipeline use the same answers, so what one retries the other never counts as "maybe sent".
/// </summary>
public static class ProviderFailures
{
    /// <summary>
    /// The request never left this machine (no name, no connection, no TLS session): repeating it cannot text
    /// anyone twice.
    /// </summary>
    public static bool NothingSent(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
    };

    /// <summary>
    /// The provider could not be reached or did not answer in time (connection reset, timeout, broken response
    /// included). The caller's own cancellation is not a provider failure.
    /// </summary>
    public static bool Unreachable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or IOException or SocketException or TimeoutRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
