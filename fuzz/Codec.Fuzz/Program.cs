using RegionCodec.Fuzz;
using SharpFuzz;

// RegionCodec.Fuzz TARGET                 afl-fuzz, afl-tmin, afl-cmin: one input per execution on stdin
//                                         (SharpFuzz fork server; without afl it runs stdin once).
// RegionCodec.Fuzz TARGET PATH...         replay: runs every file (folders recursively), prints each
//                                         outcome and exits 1 if any input crashed.
// RegionCodec.Fuzz seed TARGET OUTDIR PATH...   writes starting inputs for TARGET made from .rsg files.
if (args is ["seed", string seedTarget, string outputDirectory, .. string[] seedPaths])
{
    return RegionCodec.Fuzz.Seeds.Run(seedTarget, outputDirectory, seedPaths, maxBytes: 16 * 1024);
}

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: RegionCodec.Fuzz TARGET [PATH...]");
    Console.Error.WriteLine("       RegionCodec.Fuzz seed TARGET OUTDIR PATH...");
    Console.Error.WriteLine($"targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

Action<byte[]> target;
try
{
    target = FuzzTargets.Get(args[0]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.Run(stream => target(ReadAll(stream)));
    return 0;
}

return Replay.Run(target, args[1..]);

static byte[] ReadAll(Stream stream)
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    return memory.ToArray();
}
