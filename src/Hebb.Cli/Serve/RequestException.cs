using Microsoft.AspNetCore.Http;

namespace Hebb.Cli.Serve;

/// <summary>A request the server refuses, with the HTTP status to answer (400, 413) and the message of the JSON error.</summary>
internal sealed class RequestException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status code of the answer.</summary>
    public int Status { get; } = status;

    /// <summary>400: the body is not what <c>POST /v1/predict</c> takes.</summary>
    public static RequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
