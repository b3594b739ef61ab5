package mlp.value;

import java.util.List;

/** A value with named members, {@code v.name}: runs ({@code .loss}), layers ({@code .weight}). */
public interface HasMembers extends Value {
    /** The member's value, or null when there is no such member. */
    Value member(String name);

    /** Every member name, for error suggestions and completion. */
    List<String> memberNames();
}
