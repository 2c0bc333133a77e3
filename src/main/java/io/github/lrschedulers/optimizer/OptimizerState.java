package io.github.lrschedulers.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer whose per-parameter state (momentum buffers, Adam's moments) can be saved and
 * restored, so that a resumed run continues exactly. DJL's own optimizers have no such API.
 *
 * <p>The state is keyed by parameter id, which is new in every model instance: {@link
 * io.github.lrschedulers.listener.CheckpointListener} translates ids to parameter names and back.
 */
public interface OptimizerState {

    /**
     * Writes the state of each parameter (its first device copy).
     *
     * @param os the stream
     * @param nameOfId the parameter name of each parameter id
     * @throws IOException if writing fails
     */
    void saveState(DataOutputStream os, Map<String, String> nameOfId) throws IOException;

    /**
     * Reads a state written by {@link #saveState(DataOutputStream, Map)}; each parameter copy
     * starts from it at its first update.
     *
     * @param manager the manager of the restored arrays
     * @param is the stream
     * @param idOfName the parameter id of each parameter name
     * @throws IOException if reading fails or the state is not this optimizer's
     */
    void loadState(NDManager manager, DataInputStream is, Map<String, String> idOfName)
            throws IOException;

    /**
     * Writes the arrays of each parameter under its name: the kind, the count, then per entry the
     * name, the array count and the arrays.
     */
    static void write(
            DataOutputStream os,
            String kind,
            Map<String, NDArray[]> byId,
            Map<String, String> nameOfId)
            throws IOException {
        Map<String, NDArray[]> state = new TreeMap<>();
        for (Map.Entry<String, NDArray[]> e : byId.entrySet()) {
            state.put(nameOfId.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        }
        os.writeUTF(kind);
        os.writeInt(state.size());
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            os.writeUTF(e.getKey());
            os.writeInt(e.getValue().length);
            for (NDArray a : e.getValue()) {
                byte[] bytes = a.encode();
                os.writeInt(bytes.length);
                os.write(bytes);
            }
        }
    }

    /** Reads what {@link #write} wrote, by parameter id. */
    static Map<String, NDArray[]> read(
            DataInputStream is, String kind, NDManager manager, Map<String, String> idOfName)
            throws IOException {
        String found = is.readUTF();
        if (!found.equals(kind)) {
            throw new IOException("the optimizer state is " + found + "'s, not " + kind + "'s");
        }
        int n = is.readInt();
        Map<String, NDArray[]> state = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = is.readUTF();
            NDArray[] arrays = new NDArray[is.readInt()];
            for (int j = 0; j < arrays.length; j++) {
                byte[] bytes = new byte[is.readInt()];
                is.readFully(bytes);
                arrays[j] = manager.decode(bytes);
            }
            String id = idOfName.get(name);
            if (id == null) {
                throw new IOException(
                        "the optimizer state has parameter " + name + ", the model has not");
            }
            state.put(id, arrays);
        }
        return state;
    }
}
