using System.Diagnostics;

namespace RegionCodec.Fuzz;

/// <summary>Replay mode: runs a target over files and folders and reports what each input did.</summary>
internal static class Replay
{
    public static int Run(Action<byte[]> target, IEnumerable<string> paths)
    {
        int failures = 0, count = 0;
        foreach (string file in Expand(paths))
        {
            byte[] input = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            try
            {
                target(input);
                Console.WriteLine($"ok      {clock.Elapsed.TotalMilliseconds,8:F1} ms  {file}");
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"CRASH   {clock.Elapsed.TotalMilliseconds,8:F1} ms  {file}");
                Console.WriteLine(e.ToString());
            }

            count++;
        }

        Console.WriteLine($"{count} inputs, {failures} crashed");
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal))
                             .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
