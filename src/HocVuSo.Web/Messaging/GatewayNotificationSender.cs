using System.Net;
using System.Net.Http.Headers;
using HocVuSo.Core.Features.Messaging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Messaging;

/// <summary>
/// SMS and Zalo OA messages through a provider gateway speaking the platform's own JSON contract
/// (docs/MESSAGING.md): <c>POST {BaseUrl}/v1/sms</c> or <c>/v1/zalo</c> with a bearer key and the
/// outbox idempotency key. 2xx and 409 (the key was accepted before) are delivered; any other 4xx
/// but 408 and 429 is a permanent refusal (dead letter, not retried); 408, 429, 5xx, timeouts and
/// connection failures are retried by the outbox with its back-off. Errors never quote the
/// recipient or the text.
/// </summary>
public sealed class GatewayNotificationSender(NotificationChannel channel, HttpClient http, IOptionsMonitor<GatewayOptions> options) : INotificationSender
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The JSON body the gateway receives.</summary>
    public sealed record GatewayRequest(string To, string Sender, string Text, string? Title, string Reference);

    public static string PathFor(NotificationChannel channel) => channel == NotificationChannel.Zalo ? "v1/zalo" : "v1/sms";

    public async Task SendAsync(NotificationEmail message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Get(MessagingSetup.OptionsName(channel));
        var to = InternationalPhone(message.Recipient);
        if (to is null)
        {
            throw new OutboxMessageRefusedException($"{Code}.bad_recipient: the recipient is not a phone number; nothing was sent.");
        }

        var body = new GatewayRequest(to, settings.Sender!, message.Body, channel == NotificationChannel.Zalo ? message.Subject : null, idempotencyKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl!, PathFor(channel)))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        request.Headers.Add(IdempotencyHeader, idempotencyKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The {Code} gateway did not answer within {http.Timeout.TotalSeconds:0} s; retried later.", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
            {
                return;
            }

            if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            {
                throw new OutboxMessageRefusedException($"{Code}.refused: the gateway refused the message for good ({status} {await ErrorCodeAsync(response, cancellationToken)}).");
            }

            throw new HttpRequestException($"The {Code} gateway answered {status} {await ErrorCodeAsync(response, cancellationToken)}; retried later.", null, response.StatusCode);
        }
    }

    private string Code => channel == NotificationChannel.Zalo ? "zalo" : "sms";

    /// <summary>A Vietnamese phone number in international form without the plus: "0912 345 678" → "84912345678"; null when it is not one.</summary>
    public static string? InternationalPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        var international = digits.StartsWith('0') ? "84" + digits[1..] : digits;
        return international.Length is >= 10 and <= 15 && !phone.Contains('@', StringComparison.Ordinal) ? international : null;
    }

    /// <summary>The gateway's own error code (the <c>error</c> field of its JSON answer), checked to be a short token: never its free text.</summary>
    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var answer = await response.Content.ReadFromJsonAsync<GatewayAnswer>(ct);
            var code = answer?.Error;
            return code is { Length: > 0 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
                ? code
                : response.ReasonPhrase ?? string.Empty;
        }
#pragma warning disable CA1031 // Any body that is not the contract's JSON: report the status only.
        catch (Exception)
#pragma warning restore CA1031
        {
            return response.ReasonPhrase ?? string.Empty;
        }
    }

    private sealed record GatewayAnswer(string? Id, string? Error);
}
