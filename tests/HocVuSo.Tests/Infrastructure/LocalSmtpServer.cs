using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback for the e-mail tests: Debian's python3-aiosmtpd with its Maildir
/// handler, so every accepted message lands as a file the test parses with MimeKit.
/// scripts/test.sh and .ci/run install the package when it is missing. It can be stopped and
/// started again on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class LocalSmtpServer : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly string _maildir;
    private Process? _process;

    public LocalSmtpServer()
    {
        _maildir = Path.Combine(Path.GetTempPath(), "hocvuso-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        // A Maildir: Python's mailbox module creates these only when it creates the folder itself.
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(_maildir, sub));
        }

        Port = FreePort();
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Start()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        if (!File.Exists(Python))
        {
            throw new InvalidOperationException("The e-mail tests need Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd; scripts/test.sh installs it).");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture), "-c", "aiosmtpd.handlers.Mailbox", _maildir })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!Accepts())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode} (is python3-aiosmtpd installed?).");
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("aiosmtpd did not start listening within 30 s.");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Stops the server: connections are refused until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message the server accepted so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = new[] { "new", "cur" }.Select(d => Path.Combine(_maildir, d)).Where(Directory.Exists).SelectMany(Directory.GetFiles);
        return files.Select(f => MimeMessage.Load(f)).ToList();
    }

    public IReadOnlyList<MimeMessage> MessagesWithSubjectContaining(string text) =>
        Messages().Where(m => m.Subject?.Contains(text, StringComparison.Ordinal) == true).ToList();

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_maildir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
