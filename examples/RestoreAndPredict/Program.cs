using Hebb.Examples;
RestoreAndPredict.Run(Console.Out, args.Length > 0 ? args[0] : "model.safetensors");
