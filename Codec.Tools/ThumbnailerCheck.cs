using System.Diagnostics;
using RegionCodec.Shell;

namespace RegionCodec.Tools;

/// <summary>
/// After a desktop install: runs the installed Exec line on a tiny built-in image, as a file manager would, so
/// an Exec line that cannot start is reported now rather than as thumbnails that silently never appear.
/// </summary>
internal static class ThumbnailerCheck
{
    /// <summary>Null when the command thumbnailed the test image; otherwise why not.</summary>
    public static string? Run(string program, IReadOnlyList<string> arguments)
    {
        string work = Directory.CreateTempSubdirectory("rsgconv-check-").FullName;
        try
        {
            string input = Path.Combine(work, "check.rsg");
            string output = Path.Combine(work, "check.png");
            File.WriteAllBytes(input, TinyImage());
            File.WriteAllBytes(output, []); // file managers create the output first: the Exec line must cope

            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in arguments.Concat(["thumbnail", "--force", "--size", "16", input, output]))
            {
                start.ArgumentList.Add(a);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("did not start");
            Task<string> error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                return "it did not finish within 60 s";
            }

            return process.ExitCode == 0 && new FileInfo(output).Length > 0
                ? null
                : $"it exited {process.ExitCode}: {Errors.OneLine(error.Result)}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"it could not start: {Errors.OneLine(e.Message)}";
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A 16x16 gray ramp as .rsg, made here so the check needs no file of its own.</summary>
    private static byte[] TinyImage()
    {
        var pixels = new byte[16 * 16];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 16 * 16);
        }

        return RsgEncoder.Encode(pixels, 16, 16, 16, RsgPixelFormat.Gray8);
    }

    /// <summary>The Exec line as the user would read it.</summary>
    public static string Describe(string program, IReadOnlyList<string> arguments) =>
        LinuxShellIntegration.ExecCommand(program, arguments) + " %s %i %o";
}
