using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Entropy;

/// <summary>
/// Binary range decoder, the mirror of <see cref="RangeEncoder"/> (spec/rsg.md §5.2). Bytes past the
/// end of its input read as zero; all arithmetic is unsigned 32-bit, so any input decodes to some
/// bit sequence without faults.
/// </summary>
internal ref struct RangeDecoder : IBinaryCoder
{
    private readonly ReadOnlySpan<byte> _input;
    private int _position;
    private uint _range;
    private uint _code;

    public RangeDecoder(ReadOnlySpan<byte> input)
    {
        _input = input;
        _position = 0;
        _range = 0xFFFFFFFF;
        _code = 0;
        for (int i = 0; i < 4; i++)
        {
            _code = (_code << 8) | NextByte();
        }
    }

    public readonly bool IsDecoder => true;

    /// <summary>The current range (for diagnostics and the spec's worked example).</summary>
    public readonly uint Range => _range;

    /// <summary>The current code value (for diagnostics and the spec's worked example).</summary>
    public readonly uint CodeValue => _code;

    /// <summary>Bytes of input consumed so far (may exceed the input length: those read as zero).</summary>
    public readonly int Position => _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Code(ref BitModel model, int bit)
    {
        uint bound = (uint)(((ulong)_range * model.ProbabilityOfOne) >> 16);

        // Branch-free: the decoded bit is data, and the caller branches on it anyway; a second
        // unpredictable branch here would cost a misprediction per decision.
        int result = _code < bound ? 1 : 0;
        uint zeroMask = (uint)(result - 1);        // all ones when the bit is 0
        _code -= bound & zeroMask;
        _range = (bound & ~zeroMask) | ((_range - bound) & zeroMask);

        model.Update(result);
        while (_range < (1u << 24))
        {
            _range <<= 8;
            _code = (_code << 8) | NextByte();
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeSymbol(Span<ushort> model, int symbols, int symbol) => DecodeSymbol(model, symbols, out _);

    /// <summary>Decodes a symbol and also gives its frequency before the update (for information content).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeSymbol(Span<ushort> model, int symbols, out int frequency)
    {
        if (symbols <= 9 && Vector256.IsHardwareAccelerated)
        {
            return DecodeSmallSymbol(model, symbols, out frequency);
        }

        uint scale = _range >> SymbolModel.TotalBits;
        int result = SymbolModel.Find(model, symbols, scale, _code);
        // The top symbol also takes the slack range − scale × 2^15, so no part of the range is wasted.
        int next = model[result + 1];
        uint low = scale * model[result];
        frequency = (result == symbols - 1 ? SymbolModel.Total : next) - model[result];
        _range = result == symbols - 1 ? _range - low : scale * (uint)frequency;
        _code -= low;
        SymbolModel.Update(model, symbols, result);
        Normalize();
        return result;
    }

    /// <summary>
    /// <see cref="DecodeSymbol"/> for models of up to 9 symbols, fused: the 8 inner bounds are loaded once for the
    /// search (<see cref="SymbolModel.FindVector256"/>'s arithmetic) and adapted in the same register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeSmallSymbol(Span<ushort> model, int symbols, out int frequency) =>
        DecodeSmallSymbol(ref _range, ref _code, ref _position, _input, ref MemoryMarshal.GetReference(model[..SymbolModel.Stride]), symbols, out frequency);

    /// <summary>
    /// <see cref="DecodeSmallSymbol(Span{ushort}, int, out int)"/> on a coder state held in the caller's locals
    /// (<see cref="Export"/>, <see cref="Import"/>): once inlined, range and code stay in registers across a loop of
    /// decisions instead of going through this struct's fields. <paramref name="model"/> is a model's first entry.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DecodeSmallSymbol(ref uint range, ref uint code, ref int position, ReadOnlySpan<byte> input, ref ushort model, int symbols, out int frequency)
    {
        Vector128<ushort> bounds = Vector128.LoadUnsafe(ref model, 1);
        uint scale = range >> SymbolModel.TotalBits;
        uint below = Vector256.LessThanOrEqual(Vector256.WidenLower(bounds.ToVector256Unsafe()) * Vector256.Create(scale), Vector256.Create(code))
            .ExtractMostSignificantBits();
        int result = Math.Min(BitOperations.PopCount(below), symbols - 1);

        // result ≤ 8 < Stride − 1: both reads are inside the model.
        int low = Unsafe.Add(ref model, result);
        int next = Unsafe.Add(ref model, result + 1);
        frequency = (result == symbols - 1 ? SymbolModel.Total : next) - low;
        uint start = scale * (uint)low;
        range = result == symbols - 1 ? range - start : scale * (uint)frequency;
        code -= start;

        int count = Unsafe.Add(ref model, SymbolModel.CountIndex);
        SymbolModel.Adapt(bounds.AsInt16(), symbols, result, SymbolModel.RateOf(count)).AsUInt16().StoreUnsafe(ref model, 1);
        Unsafe.Add(ref model, SymbolModel.CountIndex) = SymbolModel.NextCount(count);
        Normalize(ref range, ref code, ref position, input);
        return result;
    }

    /// <summary>Copies the coder state out to the caller's locals (see <see cref="DecodeSmallSymbol(ref uint, ref uint, ref int, ReadOnlySpan{byte}, ref ushort, int, out int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly void Export(out uint range, out uint code, out int position, out ReadOnlySpan<byte> input)
    {
        range = _range;
        code = _code;
        position = _position;
        input = _input;
    }

    /// <summary>Takes back the state <see cref="Export"/> gave out, after the caller's decisions on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Import(uint range, uint code, int position)
    {
        _range = range;
        _code = code;
        _position = position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeBypass(int bits, int value) => DecodeBypass(ref _range, ref _code, ref _position, _input, bits);

    /// <summary><see cref="CodeBypass"/> on a coder state held in the caller's locals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DecodeBypass(ref uint range, ref uint code, ref int position, ReadOnlySpan<byte> input, int bits)
    {
        int result = 0;
        for (int i = 0; i < bits; i++)
        {
            range >>= 1;
            int bit = code >= range ? 1 : 0;
            code -= range & (uint)-bit;
            result = (result << 1) | bit;
            Normalize(ref range, ref code, ref position, input);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Normalize() => Normalize(ref _range, ref _code, ref _position, _input);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normalize(ref uint range, ref uint code, ref int position, ReadOnlySpan<byte> input)
    {
        while (range < (1u << 24))
        {
            range <<= 8;
            int p = position++;
            code = (code << 8) | ((uint)p < (uint)input.Length ? input[p] : 0u);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint NextByte()
    {
        int p = _position++;
        return (uint)p < (uint)_input.Length ? _input[p] : 0u;
    }
}
