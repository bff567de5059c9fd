using RegionCodec.Shell;

// rsgconv-shell-harness thumbnail -s SIZE IN OUT | shell install|uninstall|register|unregister ...
return args.Length == 0 ? ShellCommandLine.BadCommandLine : args[0] switch
{
    "thumbnail" => ShellCommandLine.Thumbnail(args[1..], Console.Out, Console.Error),
    "shell" => ShellCommandLine.Shell(args[1..], Console.Out, Console.Error),
    _ => ShellCommandLine.BadCommandLine,
};
