using Hebb.Examples;
XorByHand.Run(Console.Out);
