package io.github.lrschedulers;

import java.util.List;
import java.util.Map;

/**
 * A live SequentialLR or ChainedScheduler: it builds its children first, as Python evaluates
 * PyTorch's constructor arguments, undoes and describes through them, and has no {@code get_lr} of
 * its own (PyTorch raises NotImplementedError where one is asked for).
 */
abstract class CompositeLive extends Live {

    final Live[] kids;

    CompositeLive(Sim sim, List<Schedule> schedulers) {
        super(sim);
        kids = new Live[schedulers.size()];
        for (int i = 0; i < kids.length; i++) {
            kids[i] = schedulers.get(i).instantiate(sim);
        }
    }

    @Override
    final void getLr(double[] out) {
        throw notImplemented();
    }

    @Override
    final void undo() {
        for (Live kid : kids) {
            kid.undo();
        }
    }

    @Override
    final void describe(String prefix, Map<String, String> out) {
        for (int i = 0; i < kids.length; i++) {
            kids[i].describe(prefix + "schedulers[" + i + "].", out);
        }
    }
}
