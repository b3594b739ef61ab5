/**
 * {@code train(...)}: the tutorial's loop over a compiled graph ({@link mlp.train.Trainer}), the
 * losses ({@link mlp.train.Loss}) and optimizers ({@link mlp.train.Optimizer}) as values, the
 * run it returns ({@link mlp.train.Run}: losses, frames, model), the hook a live window uses
 * ({@link mlp.train.TrainingListener}), and the progress bar ({@link mlp.train.TrainingProgress}).
 * It knows neither the interpreter nor the pictures: what a run needs from its caller (random
 * numbers, a stop flag, listeners) comes in a {@link mlp.train.Trainer.Host}.
 */
package mlp.train;
