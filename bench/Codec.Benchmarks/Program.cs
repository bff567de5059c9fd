using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RegionCodec.Benchmarks;

// Modes:
//   report [--images D] [--out docs] [...]            RD sweep vs JPEG/WebP/AVIF/JPEG XL, BD-rates, plots, speed, memory -> docs/benchmarks.md
//   stream-decode IN.rsg OUT.ppm [--whole]            child process of report: decode and print peak memory
//   jpeg-compare [--quality Q] [--dir D] [--out F]   rate-distortion table against libjpeg-turbo's cjpeg
//   equal-size [--images D] [--sets S] [--qualities Q,Q]  default encode vs one region of the same size (butteraugli, PSNR-Y, MS-SSIM-Y)
//   mosaic OUT.png [--images D]                       the speed benchmarks' 2304x1536 photograph (3x3 Kodak)
//   decode-ratio PHOTO.png [--tiles 2]                Image.Load decode, .rsg against ImageSharp JPEG at equal PSNR-Y, 1 and 2 threads
//   encode-ratio PHOTO.png [--quality 75]             encode speed: ImageSharp JPEG, .rsg one region, SaveAsRsg defaults, 1 and 2 threads
//   alpha [--images D] [--out DIR] [--table F]        RGBA cut-outs: .rsg alpha bytes against WebP's -> docs/alpha.md
//   lossless [--images D] [--out DIR] [--table F]     screen content: .rsg --lossless bytes against PNG, WebP and JPEG XL lossless
//   --quick [BenchmarkDotNet args]                   a short job, for a smoke run in a couple of minutes
//   [BenchmarkDotNet args]                           full BenchmarkDotNet run, e.g. --filter '*Decode*'
if (args.Length > 0 && args[0] == "jpeg-compare")
{
    return JpegCompare.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "equal-size")
{
    System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
    return BadArgumentException.Guard("equal-size", () => EqualSizeCommand.Run(args[1..]));
}

if (args.Length > 0 && args[0] == "alpha")
{
    System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
    return AlphaCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "lossless")
{
    System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
    return LosslessCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "decode-ratio")
{
    return BadArgumentException.Guard("decode-ratio", () => DecodeRatioCommand.Run(args[1..]));
}

if (args.Length > 0 && args[0] == "encode-ratio")
{
    return BadArgumentException.Guard("encode-ratio", () => EncodeRatioCommand.Run(args[1..]));
}

if (args.Length > 0 && args[0] == "mosaic")
{
    return BadArgumentException.Guard("mosaic", () => MosaicCommand.Run(args[1..]));
}

if (args.Length > 0 && args[0] == "report")
{
    System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
    return BadArgumentException.Guard("report", () => ReportCommand.Run(args[1..]));
}

if (args.Length > 0 && args[0] == "stream-decode")
{
    return SpeedMemory.StreamDecode(args[1..]);
}

bool quick = args.Contains("--quick");
string[] benchmarkArgs = args.Where(arg => arg != "--quick").ToArray();

IConfig config = DefaultConfig.Instance;
if (quick)
{
    // ShortRun: 1 launch, 3 warm-up and 3 measured iterations. Error bars are wide, so the numbers are a smoke
    // test, but both classes together finish in under two minutes on two cores.
    config = config.AddJob(Job.ShortRun.WithId("Quick").AsDefault());
}

IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run(benchmarkArgs, config);

// Non-zero when a benchmark failed to build or run, so scripts notice instead of reading an empty table.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
