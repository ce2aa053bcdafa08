using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using System.Text.Json.Serialization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Certification;

namespace HocVuSo.Web.Vneid;

/// <summary>The body of <c>POST {ApiBaseUrl}/confirmations</c> (docs/VNEID.md).</summary>
public sealed record VneidConfirmationRequest(
    [property: JsonPropertyName("personalIdNumber")] string PersonalIdNumber,
    [property: JsonPropertyName("fullName")] string FullName,
    [property: JsonPropertyName("certificateSerial")] string CertificateSerial,
    [property: JsonPropertyName("certifiedOn")] DateOnly CertifiedOn,
    [property: JsonPropertyName("ruleVersion")] string RuleVersion,
    [property: JsonPropertyName("communeCode")] string CommuneCode);

/// <summary>VNeID's answer to a confirmation (201, 200, or 409 "already_recorded").</summary>
public sealed record VneidConfirmationResponse(
    [property: JsonPropertyName("acknowledgementId")] string? AcknowledgementId,
    [property: JsonPropertyName("acknowledgedAt")] DateTime? AcknowledgedAt,
    [property: JsonPropertyName("alreadyRecorded")] bool AlreadyRecorded,
    [property: JsonPropertyName("code")] string? Code);

/// <summary>Thrown when VNeID refused or failed a confirmation; the message never holds personal data.</summary>
public sealed class VneidException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The HTTP client of the VNeID confirmation API: POSTs JSON to {ApiBaseUrl}/confirmations with the
/// platform's client credentials (HTTP Basic) and an <c>Idempotency-Key</c> header. 201 and 200 are
/// acknowledgements, 409 "already_recorded" is an acknowledgement of a record VNeID had already;
/// anything else, a timeout or a refused connection throws, so the outbox tries again.
/// </summary>
public sealed class HttpVneidClient(HttpClient http, VneidEndpoints endpoints, VneidResilience resilience, TimeProvider clock) : IVneidClient
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public Task<VneidAcknowledgement> ConfirmAsync(VneidConfirmation confirmation, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return resilience.ExecuteAsync(ct => SendAsync(confirmation, idempotencyKey, ct), a => a.AlreadyRecorded ? "already_recorded" : "acknowledged", cancellationToken);
    }

    private async Task<VneidAcknowledgement> SendAsync(VneidConfirmation confirmation, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoints.ApiBaseAddress, "confirmations"))
        {
            Content = JsonContent.Create(new VneidConfirmationRequest(
                confirmation.PersonalIdNumber, confirmation.FullName, confirmation.CertificateSerial,
                confirmation.CertifiedOn, confirmation.RuleVersion, confirmation.CommuneCode)),
        };
        request.Headers.Add(IdempotencyHeader, idempotencyKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(endpoints.ClientId + ":" + endpoints.ClientSecret)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"VNeID did not answer within {http.Timeout.TotalSeconds:0.#} s.", e);
        }

        using (response)
        {
            var body = await ReadAsync(response, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                case HttpStatusCode.OK:
                    return Acknowledge(body, response.StatusCode == HttpStatusCode.OK && body?.AlreadyRecorded == true);
                case HttpStatusCode.Conflict when body?.Code == "already_recorded":
                    return Acknowledge(body, alreadyRecorded: true);
                default:
                    throw new VneidException(
                        $"VNeID answered {(int)response.StatusCode} {response.ReasonPhrase}{(body?.Code is { } code ? " (" + code + ")" : string.Empty)}.",
                        response.StatusCode);
            }
        }
    }

    private VneidAcknowledgement Acknowledge(VneidConfirmationResponse? body, bool alreadyRecorded)
    {
        if (string.IsNullOrWhiteSpace(body?.AcknowledgementId))
        {
            throw new VneidException("VNeID's acknowledgement has no acknowledgementId.");
        }

        return new VneidAcknowledgement(body.AcknowledgementId, (body.AcknowledgedAt ?? clock.UtcNow()).ToUniversalTime(), alreadyRecorded);
    }

    private static async Task<VneidConfirmationResponse?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<VneidConfirmationResponse>(ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
