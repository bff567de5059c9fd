using System.Runtime.CompilerServices;
using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.Tests.Entropy;

/// <summary>
/// An <see cref="IBinaryCoder"/> for tests of the shared modelling code: a real <see cref="RangeEncoder"/>
/// or <see cref="RangeDecoder"/> underneath, counting decisions and naming the context array each uses
/// (for the arrays it is told about), so one test method can run a coding step in both directions.
/// </summary>
internal ref struct TestCoder : IBinaryCoder
{
    private readonly bool _decoding;
    private readonly PooledBufferWriter? _output;
    private readonly (string Name, BitModel[] Array)[] _named;
    private RangeEncoder _encoder;
    private RangeDecoder _decoder;

    /// <summary>Symbol model arrays by name, for <see cref="Used"/>.</summary>
    public (string Name, ushort[] Array)[] SymbolModels { get; set; } = [];

    private TestCoder(bool decoding, PooledBufferWriter? output, ReadOnlySpan<byte> payload, (string, BitModel[])[] named)
    {
        _decoding = decoding;
        _output = output;
        _named = named;
        _encoder = output is null ? default : new RangeEncoder(output);
        _decoder = new RangeDecoder(payload);
    }

    public static TestCoder Encoder(PooledBufferWriter output, params (string, BitModel[])[] named) => new(false, output, default, named);

    public static TestCoder Decoder(ReadOnlySpan<byte> payload, params (string, BitModel[])[] named) => new(true, null, payload, named);

    public readonly bool IsDecoder => _decoding;

    public readonly int Position => _decoding ? _decoder.Position : _encoder.Position;

    /// <summary>Decisions coded so far.</summary>
    public int Decisions { get; private set; }

    /// <summary>The named array of each decision's context ("other" for contexts outside them).</summary>
    public List<string> Used { get; } = [];

    public int Code(ref BitModel model, int bit)
    {
        Decisions++;
        Used.Add(NameOf(ref model));
        return _decoding ? _decoder.Code(ref model, bit) : _encoder.Code(ref model, bit);
    }

    /// <summary>Ends encoding and returns the payload.</summary>
    public int CodeSymbol(Span<ushort> model, int symbols, int symbol)
    {
        Decisions++;
        Used.Add(NameOfSymbolModel(model));
        return _decoding ? _decoder.CodeSymbol(model, symbols, symbol) : _encoder.CodeSymbol(model, symbols, symbol);
    }

    public int CodeBypass(int bits, int value)
    {
        Used.Add("Bypass");
        return _decoding ? _decoder.CodeBypass(bits, value) : _encoder.CodeBypass(bits, value);
    }

    public byte[] Finish()
    {
        _encoder.Finish();
        return _output!.WrittenSpan.ToArray();
    }

    private readonly string NameOfSymbolModel(Span<ushort> model)
    {
        foreach ((string name, ushort[] array) in SymbolModels)
        {
            if (model.Overlaps(array))
            {
                return name;
            }
        }

        return "other";
    }

    private readonly string NameOf(ref BitModel model)
    {
        foreach ((string name, BitModel[] array) in _named)
        {
            for (int i = 0; i < array.Length; i++)
            {
                if (Unsafe.AreSame(ref model, ref array[i]))
                {
                    return name;
                }
            }
        }

        return "other";
    }
}
