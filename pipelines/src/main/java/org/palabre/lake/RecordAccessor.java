package org.palabre.lake;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * A record component read by a generated lambda (no reflection at each row): a primitive one
 * through its primitive function, without boxing; exactly one of the functions is set.
 */
record RecordAccessor(Function<Object, Object> object, ToLongFunction<Object> asLong, ToIntFunction<Object> asInt,
    ToDoubleFunction<Object> asDouble, Predicate<Object> asBoolean) {

  @SuppressWarnings("unchecked")
  static RecordAccessor of(RecordComponent component) {
    Class<?> type = component.getType();
    Class<?> owner = component.getDeclaringRecord();
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      MethodHandle getter = lookup.unreflect(component.getAccessor());
      if (type == long.class) {
        return new RecordAccessor(null,
            (ToLongFunction<Object>) lambda(lookup, getter, ToLongFunction.class, "applyAsLong", long.class, owner), null, null, null);
      }
      if (type == int.class || type == short.class || type == byte.class) {
        return new RecordAccessor(null, null,
            (ToIntFunction<Object>) lambda(lookup, getter, ToIntFunction.class, "applyAsInt", int.class, owner), null, null);
      }
      if (type == double.class || type == float.class) {
        return new RecordAccessor(null, null, null,
            (ToDoubleFunction<Object>) lambda(lookup, getter, ToDoubleFunction.class, "applyAsDouble", double.class, owner), null);
      }
      if (type == boolean.class) {
        return new RecordAccessor(null, null, null, null,
            (Predicate<Object>) lambda(lookup, getter, Predicate.class, "test", boolean.class, owner));
      }
      return new RecordAccessor((Function<Object, Object>) lambda(lookup, getter, Function.class, "apply", Object.class, owner),
          null, null, null, null);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + component + " of " + owner.getSimpleName(), e);
    }
  }

  private static Object lambda(MethodHandles.Lookup lookup, MethodHandle getter, Class<?> function, String method,
      Class<?> returns, Class<?> owner) throws Throwable {
    MethodType erased = MethodType.methodType(returns, Object.class);
    // a float, short or byte component is widened to the function's double or int
    MethodType exact = MethodType.methodType(returns == Object.class ? getter.type().returnType() : returns, owner);
    CallSite site = LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(function), erased, getter, exact);
    return site.getTarget().invoke();
  }
}
