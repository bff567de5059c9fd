using System.Text;
using RegionCodec.Entropy;
using RegionCodec.Quantization;
using RegionCodec.Coefficients;
using RegionCodec.Mask;

namespace RegionCodec.ConformanceGenerator;

/// <summary>
/// For the spec's worked example: decodes the single strip of a one-block gray file and lists every
/// binary decision with the decoder state before it, so a reader can check an implementation step by step.
/// </summary>
internal static class DecisionTrace
{
    public static string Describe(byte[] file)
    {
        var info = RsgDecoder.Identify(file);
        FrameHeader h = info.Header;
        if (h.ComponentCount != 1 || h.McuCols != 1 || h.McuRows != 1)
        {
            throw new ArgumentException("The trace covers one-block gray files only.");
        }

        // Payload of STRP 0: its data after the 4-byte strip index.
        RsgChunk strip = default;
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            if (chunk.TypeText == "STRP")
            {
                strip = chunk;
                break;
            }
        }

        ReadOnlySpan<byte> payload = strip.DataIn(file)[4..];
        var log = new StringBuilder();
        var coder = new TracingCoder(payload, log);

        log.AppendLine("mask row 0 (no row above: label tree, then run end relative to the row width)");
        byte[] row = new byte[h.MaskWidth];
        MaskRowCoder.CodeRow(ref coder, new MaskContexts(), default, row, h.RegionCount);
        log.AppendLine($"  -> label {row[0]} for cells 0..{h.MaskWidth - 1}");

        log.AppendLine("block (0, 0) of plane Y: DC residual (bucket 0), then the non-zero count symbol (bucket 10), then AC tokens");
        var plane = new PlaneState(isChroma: false);
        plane.Prepare(1, 1, 8);
        ushort[] quant = new ushort[64];
        QuantizationTables.Build(info.Regions[row[0]].Quality, chroma: false, info.QuantizationTables, quant);
        BlockCoder.CodeBlock(ref coder, new CoefficientContexts(), plane, 0, 0, quant, info.Regions[row[0]].Mode == RsgRegionMode.DcOnly);
        short[] levels = plane.Levels[..64];
        string acLevels = string.Join(", ", Enumerable.Range(1, 63).Where(i => levels[i] != 0).Select(i => $"[{i}]={levels[i]}"));
        log.AppendLine($"  -> DC level {levels[0]} (step {quant[0]}, coefficient {levels[0] * quant[0]}), {plane.NonZero[0]} non-zero AC levels"
            + (acLevels.Length > 0 ? ": " + acLevels : ""));
        log.AppendLine($"  -> every pixel = clamp(((coefficient + 4) >> 3) + 128) = {Math.Clamp(((levels[0] * quant[0]) + 4 >> 3) + 128, 0, 255)} when no AC level is non-zero");
        return log.ToString();
    }

    /// <summary>A range decoder that writes one line per decision.</summary>
    private ref struct TracingCoder : IBinaryCoder
    {
        private RangeDecoder _decoder;
        private readonly StringBuilder _log;
        private int _count;

        public TracingCoder(ReadOnlySpan<byte> payload, StringBuilder log)
        {
            _decoder = new RangeDecoder(payload);
            _log = log;
            _count = 0;
        }

        public readonly bool IsDecoder => true;

        public readonly int Position => _decoder.Position;

        public int Code(ref BitModel model, int bit)
        {
            int p = model.ProbabilityOfOne, n = model.Count;
            uint range = _decoder.Range, code = _decoder.CodeValue;
            uint bound = (uint)(((ulong)range * (uint)p) >> 16);
            int result = _decoder.Code(ref model, bit);
            _log.AppendLine($"  #{++_count,-3} range={range:X8} code={code:X8} p1={p,5} n={n,2} bound={bound:X8} -> bit {result}, p1 becomes {model.ProbabilityOfOne}");
            return result;
        }

        public int CodeSymbol(Span<ushort> model, int symbols, int symbol)
        {
            uint range = _decoder.Range, code = _decoder.CodeValue;
            string before = string.Join(" ", model[..symbols].ToArray());
            int n = model[SymbolModel.Stride - 1];
            int result = _decoder.CodeSymbol(model, symbols, symbol);
            _log.AppendLine($"  #{++_count,-3} range={range:X8} code={code:X8} scale={range >> SymbolModel.TotalBits:X8} c=[{before}] n={n,2} -> symbol {result}, c becomes [{string.Join(" ", model[..symbols].ToArray())}]");
            return result;
        }

        public int CodeBypass(int bits, int value)
        {
            uint range = _decoder.Range, code = _decoder.CodeValue;
            int result = _decoder.CodeBypass(bits, value);
            _log.AppendLine($"  #{++_count,-3} range={range:X8} code={code:X8} bypass {bits} bit(s) -> {result}");
            return result;
        }
    }
}
