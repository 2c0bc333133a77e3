package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Puts the children's states, as PyTorch's {@code _schedulers}. */
    final void exportChildren(Map<String, Object> sd) {
        sd.put("_last_lr", StateDict.list(sim.lr));
        List<Object> states = new ArrayList<>();
        for (Live kid : kids) {
            Map<String, Object> k = new LinkedHashMap<>();
            kid.exportState(k);
            states.add(k);
        }
        sd.put("_schedulers", states);
    }

    /** Reads the children's states. */
    final void importChildren(StateDict sd) {
        for (int i = 0; i < kids.length; i++) {
            kids[i].importState(sd.child(i));
        }
    }

    @Override
    final void groupKeys(Set<String> keys) {
        for (Live kid : kids) {
            kid.groupKeys(keys);
        }
    }
}
