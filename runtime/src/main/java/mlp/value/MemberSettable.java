package mlp.value;

/** A value some of whose members can be set: {@code model[0].weight = eye(2)}. */
public interface MemberSettable extends HasMembers {
    /** Sets the member, or throws an MlpError saying why it cannot (no such member, wrong shape). */
    void setMember(String name, Value value);
}
