using System.Diagnostics;
using System.Globalization;

namespace HocVuSo.Bench.Load;

/// <summary>CPU time at one instant: the server, this driver, the run's PostgreSQL backends, and the whole machine.</summary>
internal readonly record struct CpuSnapshot(long At, TimeSpan Server, TimeSpan Driver, TimeSpan Postgres, long MachineBusy, long MachineAll);

/// <summary>
/// Where the CPU goes during the measured window, read from /proc (Linux): how many of the
/// machine's cores the server, the driver and the PostgreSQL backends serving the run's database
/// kept busy, and how busy the whole machine was (that includes anything else running on it).
/// </summary>
internal sealed class CpuMeter(ServerProcess server, string? postgresDatabase)
{
    private const double TicksPerSecond = 100; // USER_HZ of /proc/*/stat on Linux

    public CpuSnapshot Take()
    {
        var (busy, all) = MachineJiffies();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), server.CpuTime, Process.GetCurrentProcess().TotalProcessorTime, PostgresBackends(), busy, all);
    }

    public static string Describe(CpuSnapshot from, CpuSnapshot to, bool postgres)
    {
        var wall = Stopwatch.GetElapsedTime(from.At, to.At).TotalSeconds;
        double Cores(TimeSpan a, TimeSpan b) => (b - a).TotalSeconds / wall;
        var machine = to.MachineAll == from.MachineAll ? 0 : (double)(to.MachineBusy - from.MachineBusy) / (to.MachineAll - from.MachineAll) * Environment.ProcessorCount;
        var text = string.Format(CultureInfo.InvariantCulture, "server {0:0.00}, driver {1:0.00}", Cores(from.Server, to.Server), Cores(from.Driver, to.Driver));
        if (postgres)
        {
            text += string.Format(CultureInfo.InvariantCulture, ", PostgreSQL backends {0:0.00}", Cores(from.Postgres, to.Postgres));
        }

        var others = machine - Cores(from.Server, to.Server) - Cores(from.Driver, to.Driver) - Cores(from.Postgres, to.Postgres);
        return text + string.Format(CultureInfo.InvariantCulture, ", anything else {0:0.00}; whole machine {1:0.00} of {2} cores busy", Math.Max(0, others), machine, Environment.ProcessorCount);
    }

    /// <summary>
    /// CPU milliseconds per unit of work (e.g. per graded submission) of the server, the database
    /// backends and the driver: unlike throughput, this hardly depends on what else the machine runs.
    /// </summary>
    public static string CostPer(CpuSnapshot from, CpuSnapshot to, int units, bool postgres)
    {
        double Ms(TimeSpan a, TimeSpan b) => units == 0 ? 0 : (b - a).TotalMilliseconds / units;
        var server = Ms(from.Server, to.Server);
        var database = Ms(from.Postgres, to.Postgres);
        var driver = Ms(from.Driver, to.Driver);
        var text = string.Format(CultureInfo.InvariantCulture, "server {0:0.00} ms", server);
        if (postgres)
        {
            text += string.Format(CultureInfo.InvariantCulture, " + PostgreSQL {0:0.00} ms", database);
        }

        var total = server + database + driver;
        return text + string.Format(CultureInfo.InvariantCulture,
            " + driver {0:0.00} ms; at that cost the {1} cores, with nothing else running, would grade at most {2:0}/s", driver, Environment.ProcessorCount,
            total == 0 ? 0 : Environment.ProcessorCount * 1000 / total);
    }

    private TimeSpan PostgresBackends()
    {
        if (postgresDatabase is null)
        {
            return TimeSpan.Zero;
        }

        // Backends show "postgres: USER DATABASE HOST(PORT) STATE" as their command line.
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(folder);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }

            try
            {
                var command = File.ReadAllText(Path.Combine(folder, "cmdline"));
                if (command.StartsWith("postgres: ", StringComparison.Ordinal) && command.Contains(" " + postgresDatabase + " ", StringComparison.Ordinal))
                {
                    ticks += ProcessTicks(File.ReadAllText(Path.Combine(folder, "stat")));
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the command in parentheses.</summary>
    private static long ProcessTicks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>The "cpu" line of /proc/stat: busy jiffies (all but idle and iowait) and all jiffies.</summary>
    private static (long Busy, long All) MachineJiffies()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var all = values.Sum();
        return (all - values[3] - values[4], all);
    }
}
