using Hebb.Cli;

return HebbCommandLine.Run(args, Console.Out, Console.Error);
